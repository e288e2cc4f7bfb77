//! Citations in every common style, read into fields: a table of real-world shapes (many
//! from the public documents of the development corpus), each with the fields expected.

use super::*;

fn note(text: &str) -> NoteDef {
    super::tests::note("1", text)
}

/// (note, title, outlet, publication date, access date)
type Row = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

const CHICAGO: &[Row] = &[
    ("Victor Cha, “A Small Deal with a Big Deal,” Center for Strategic and International Studies, July 8, 2019, <https://www.csis.org/analysis/small-deal-within-big-deal-0>.",
     Some("A Small Deal with a Big Deal"), Some("Center for Strategic and International Studies"), Some("2019-07-08"), None),
    ("Jane Roe, “Rising Tides in the Pacific,” The Diplomat, January 2, 2010, https://thediplomat.com/2010/01/rising-tides/.",
     Some("Rising Tides in the Pacific"), Some("The Diplomat"), Some("2010-01-02"), None),
    ("Gregory C. Allen, Understanding China’s AI Strategy (Center for a New American Security [CNAS], February 6, 2019), https://www.cnas.org/publications/reports/understanding-chinas-ai-strategy .",
     Some("Understanding China’s AI Strategy"), Some("Center for a New American Security"), Some("2019-02-06"), None),
    ("Hannah Arendt, The Human Condition (Chicago: Chicago University Press, 1957), prologue, 1–6.",
     Some("The Human Condition"), Some("Chicago University Press"), Some("1957"), None),
    ("Reinhold Niebuhr, The Irony of American History , Andrew J. Bacevich, ed. (Chicago: University of Chicago Press, 2008), 40, https://press.uchicago.edu/ucp/books/book/chicago/I/bo5864609.html .",
     Some("The Irony of American History"), Some("University of Chicago Press"), Some("2008"), None),
    ("Evaluation of DeepSeek AI Models (Center for AI Standards and Innovation [CAISI], National Institute of Standards and Technology, September 30, 2025), https://www.nist.gov/system/files/documents/2025/09/30/CAISI_Evaluation.pdf .",
     Some("Evaluation of DeepSeek AI Models"), Some("Center for AI Standards and Innovation, National Institute of Standards and Technology"), Some("2025-09-30"), None),
    ("15th Five-Year Plan for Economic and Social Development of the People’s Republic of China (2026–2030): Draft Outline (NPC Observer, March 2026), https://npcobserver.com/wp-content/uploads/2026/03/15th-Plan.pdf .",
     Some("15th Five-Year Plan for Economic and Social Development of the People’s Republic of China (2026–2030): Draft Outline"), Some("NPC Observer"), Some("2026-03"), None),
    ("Jason Furman and Robert Seamans, “AI and the Economy,” Innovation Policy and the Economy 19 (January 1, 2019): 161–91, https://doi.org/10.1086/699936 .",
     Some("AI and the Economy"), Some("Innovation Policy and the Economy"), Some("2019-01-01"), None),
    ("Sunny Cheung and Kai-shing Lau, “DeepSeek Use in PRC Military and Public Security Systems,” China Brief 25, no. 20 (October 27, 2025), https://jamestown.org/deepseek-use ; Kyle Miller et al., The Use of Open Models (CSET, 2025), https://cset.georgetown.edu/x .",
     Some("DeepSeek Use in PRC Military and Public Security Systems"), Some("China Brief"), Some("2025-10-27"), None),
    ("Kevin Lu et al., “Pretrained Transformers as Universal Computation Engines,” arXiv (June 30, 2021), https://doi.org/10.48550/arXiv.2103.05247 .",
     Some("Pretrained Transformers as Universal Computation Engines"), Some("arXiv"), Some("2021-06-30"), None),
    ("Reuters, “Chinese AI Startup Zhipu Releases New Flagship Model GLM-5,” February 11, 2026, https://www.reuters.com/technology/zhipu-glm-5-2026-02-11 ; Jonathan Kemper, “Zhipu Releases GLM-5,” The Decoder, February 12, 2026, https://the-decoder.com/glm-5 .",
     Some("Chinese AI Startup Zhipu Releases New Flagship Model GLM-5"), Some("Reuters"), Some("2026-02-11"), None),
    ("“Report of the Fifth Plenary Meeting,” January 1, 2020, <http://www.uriminzokkiri.com/index.php?no=26053>.",
     Some("Report of the Fifth Plenary Meeting"), None, Some("2020-01-01"), None),
    ("Ting Yong Li, “South Korea outlines hydrogen roadmap to boost industry,” November 11, 2022, https://www.argusmedia.com/en/news/2389672-south-korea-hydrogen .",
     Some("South Korea outlines hydrogen roadmap to boost industry"), None, Some("2022-11-11"), None),
    ("Jenny Town, “North Korea’s Party Congress,” 38 North, January 15, 2021, https://www.38north.org/2021/01/party-congress/.",
     Some("North Korea’s Party Congress"), Some("38 North"), Some("2021-01-15"), None),
    ("Mohar Chatterjee, Anthony Adragna, and Gabby Miller, “What DeepSeek Means for Tech Policy—and Doesn’t,” PolicoPro Morning Tech, accessed January 29, 2025, https://subscriber.politicopro.com/newsletter/2025/01/whatdeepseek ; Derek Robertson, “Why Trump’s AI Plan Just Caused a Billionaire Slapfight,” Politico , January 22, 2025, https://www.politico.com/newsletters/2025/01/22/x .",
     Some("What DeepSeek Means for Tech Policy—and Doesn’t"), Some("PolicoPro Morning Tech"), None, Some("2025-01-29")),
    ("“NASA Spinoff,” NASA, accessed April 20, 2026, https://spinoff.nasa.gov/ .",
     Some("NASA Spinoff"), Some("NASA"), None, Some("2026-04-20")),
    ("Compute allocations are calculated by multiplying the FLOPS of a resource by the time it is allocated; “Current Projects,” NAIRR Pilot, accessed June 2024, https://submit-nairr.xras.org/current-projects .",
     Some("Current Projects"), Some("NAIRR Pilot"), None, Some("2024-06")),
    ("”ALCF AI Testbed,” Argonne Leadership Computing Facility, accessed March 2024, https://www.alcf.anl.gov/alcf-ai-testbed .",
     Some("ALCF AI Testbed"), Some("Argonne Leadership Computing Facility"), None, Some("2024-03")),
    ("Tom Papatheodore, “Summit Architecture Overview,” Oak Ridge National Laboratory, May 20, 2019, https://www.olcf.ornl.gov/wp-content/uploads/2019/05/Summit.pdf ; “SUMMIT Oak Ridge National Laboratory’s 200 petaflop supercomputer,” Oak Ridge National Laboratory, accessed March 2024, https://www.olcf.ornl.gov/summit/ .",
     Some("Summit Architecture Overview"), Some("Oak Ridge National Laboratory"), Some("2019-05-20"), None),
    ("Clean Energy States Alliance, Table of 100% Clean Energy States , accessed November 23, 2025, https://www.cesa.org/projects/table-of-100-clean-energy-states/.",
     Some("Table of 100% Clean Energy States"), Some("Clean Energy States Alliance"), None, Some("2025-11-23")),
    ("Association for Defense Communities and Converge Strategies, LLC, “Unleashing the Grid: Energy Dominance for National Defense,” March 2025, https://static1.squarespace.com/static/Unleashing.pdf.",
     Some("Unleashing the Grid: Energy Dominance for National Defense"), Some("Association for Defense Communities and Converge Strategies, LLC"), Some("2025-03"), None),
    ("“Party Control of Michigan State Government,” Ballotpedia, accessed November 23, 2025, https://ballotpedia.org/Party_control. The latest from Belfer See more Recommended citation Santos, Nicolette . “The Hidden Security Challenge,” June 30, 2026.",
     Some("Party Control of Michigan State Government"), Some("Ballotpedia"), None, Some("2025-11-23")),
    ("“Putin: Leader in Artificial Intelligence Will Rule World,” Associated Press, September 1, 2017, https://apnews.com/article/bb5628f2 . During the October 31 meeting of the Politburo, Xi spoke on October 20, 2024.",
     Some("Putin: Leader in Artificial Intelligence Will Rule World"), Some("Associated Press"), Some("2017-09-01"), None),
    ("Jane Roe, “Energy Security Outlook,” Energy Policy Review, https://example.org/outlook, March 3, 2020.",
     Some("Energy Security Outlook"), Some("Energy Policy Review"), Some("2020-03-03"), None),
    ("Elsa Kania, “China’s 2018 Strategy for Military-Civil Fusion,” Lawfare, May 3, 2019, https://www.lawfaremedia.org/fusion.",
     Some("China’s 2018 Strategy for Military-Civil Fusion"), Some("Lawfare"), Some("2019-05-03"), None),
    ("“China’s 2018 Strategy,” Outlet Name, https://example.org/strategy.",
     Some("China’s 2018 Strategy"), Some("Outlet Name"), None, None),
    ("Kyongbuk Ilbo (March 17, 2025), “Government mobilizes full response to the U.S. ‘sensitive country’ designation,” https://url.kr/oupngl (accessed: April 18, 2025)",
     Some("Government mobilizes full response to the U.S. ‘sensitive country’ designation"), Some("Kyongbuk Ilbo"), Some("2025-03-17"), Some("2025-04-18")),
    ("VOA (January 12, 2023) “South Korean President mentions possibility of ‘indigenous nuclear armament’,” https://www.voakorea.com/a/6915173.html (accessed: April 19, 2025)",
     Some("South Korean President mentions possibility of ‘indigenous nuclear armament’"), Some("VOA"), Some("2023-01-12"), Some("2025-04-19")),
    ("Epic Games, Inc. v. Google LLC, 147 F.4th 917 (9th Cir. 2025); Hausfeld, ‘Landmark EU General Court Google Android Decision Signals Tougher Antitrust Enforcement’, Hausfeld Perspectives & Blogs, 14 September 2022, https://www.hausfeld.com/x",
     Some("Landmark EU General Court Google Android Decision Signals Tougher Antitrust Enforcement"), Some("Hausfeld Perspectives & Blogs"), Some("2022-09-14"), None),
];

const AUTHOR_DATE: &[Row] = &[
    // APA
    ("Batalis, Steph. 2025. “Federal Funding Underpins American Research across ‘hot’ AI + Bio Research Clusters.” Emerging Technology Observatory , February 21. https://eto.tech/blog/federal-funding-underpins-ai-bio/ .",
     Some("Federal Funding Underpins American Research across ‘hot’ AI + Bio Research Clusters"), Some("Emerging Technology Observatory"), Some("2025-02-21"), None),
    ("Daniels, Owen J. and Will Hunt. 2022. Sustaining and Growing the U.S. Semiconductor Advantage: A Primer. Center for Security and Emerging Technology. https://cset.georgetown.edu/wp-content/uploads/CSET-Primer.pdf",
     Some("Sustaining and Growing the U.S. Semiconductor Advantage: A Primer"), Some("Center for Security and Emerging Technology"), Some("2022"), None),
    ("Curlee, Kathleen. 2025. Sustaining the U.S. Edge in Remote Sensing, Launch, and Advanced Technologies for National Security. Center for Security and Emerging Technology. https://cset.georgetown.edu/publication/sustaining-the-edge/",
     Some("Sustaining the U.S. Edge in Remote Sensing, Launch, and Advanced Technologies for National Security"), Some("Center for Security and Emerging Technology"), Some("2025"), None),
    ("Smith, J. (2025). Rethinking export controls. Brookings Institution. https://www.brookings.edu/articles/rethinking-export-controls/",
     Some("Rethinking export controls"), Some("Brookings Institution"), Some("2025"), None),
    ("Lee, M., & Park, S. (2024, March 3). Chip diplomacy in East Asia. The Diplomat. https://thediplomat.com/2024/03/chip-diplomacy/",
     Some("Chip diplomacy in East Asia"), Some("The Diplomat"), Some("2024-03-03"), None),
    ("Nguyen, T. (2023). Satellite imagery and arms control. Journal of Strategic Studies, 46(2), 201–230. https://doi.org/10.1080/01402390.2023.1",
     Some("Satellite imagery and arms control"), Some("Journal of Strategic Studies"), Some("2023"), None),
    ("Roe, Jane. (2025). “The Quiet Grid.” Energy Monitor. March 12. https://example.org/quiet-grid",
     Some("The Quiet Grid"), Some("Energy Monitor"), Some("2025-03-12"), None),
    // MLA
    ("Hamilton, Emily. “2025 Is the Year of AI Agents, OpenAI CPO Says.” Axios, 23 Jan. 2025, https://www.axios.com/2025/01/23/davos-2025-ai-agents.",
     Some("2025 Is the Year of AI Agents, OpenAI CPO Says"), Some("Axios"), Some("2025-01-23"), None),
    ("Cha, Victor. “A Small Deal.” Foreign Affairs, vol. 98, no. 4, 2019, pp. 10–15.",
     Some("A Small Deal"), Some("Foreign Affairs"), Some("2019"), None),
    // Harvard
    ("Smith, J. (2023) ‘Chips and power’, Financial Times, 4 May, available at: https://www.ft.com/content/chips (Accessed: 9 September 2025).",
     Some("Chips and power"), Some("Financial Times"), Some("2023-05-04"), Some("2025-09-09")),
    ("Brown, A. (2021) ‘Data centres and the grid’, The Guardian, available at https://www.theguardian.com/technology/data-centres",
     Some("Data centres and the grid"), Some("The Guardian"), Some("2021"), None),
    ("Ada Lovelace Institute (2023) ‘Regulating AI in the UK’, Ada Lovelace Institute, available at https://www.adalovelaceinstitute.org/report/regulating-ai/",
     Some("Regulating AI in the UK"), Some("Ada Lovelace Institute"), Some("2023"), None),
    ("Smith, J. (2020) ‘Title Here’, Outlet Name. Available at: https://example.org/title (viewed 3 May 2021).",
     Some("Title Here"), Some("Outlet Name"), Some("2020"), Some("2021-05-03")),
];

const OSCOLA: &[Row] = &[
    ("Christopher J. Robinette, ‘Torts Rationales, Pluralism, and Isaiah Berlin’ (SSRN, 29 August 2006) <https://papers.ssrn.com/sol3/papers.cfm?abstract_id=925286> accessed 8 September 2025.",
     Some("Torts Rationales, Pluralism, and Isaiah Berlin"), Some("SSRN"), Some("2006-08-29"), Some("2025-09-08")),
    ("Henry Chandonnet, ‘Sam Altman Is Worried Some Young People Have an “Emotional Over-Reliance” on ChatGPT When Making Decisions’ ( Business Insider , 2025) <https://www.businessinsider.com/sam-altman-over-reliance> accessed 9 September 2025.",
     Some("Sam Altman Is Worried Some Young People Have an “Emotional Over-Reliance” on ChatGPT When Making Decisions"), Some("Business Insider"), Some("2025"), Some("2025-09-09")),
    ("‘Why AI Is So Expensive’ Bloomberg.com (30 April 2024) <https://www.bloomberg.com/news/articles/2024-04-30/why-ai-is-so-expensive> accessed 2 May 2025.",
     Some("Why AI Is So Expensive"), Some("Bloomberg.com"), Some("2024-04-30"), Some("2025-05-02")),
    ("Joseph Dumit and Andreas Roepstorff, ‘AI Hallucinations Are a Feature of LLM Design, Not a Bug’ (2025) 639 Nature 38.",
     Some("AI Hallucinations Are a Feature of LLM Design, Not a Bug"), Some("Nature"), Some("2025"), None),
    ("Alice Taylor and Liam Elphick, ‘Discrimination Law and the Language of Torts in the UK Supreme Court’ [2019] SSRN <https://papers.ssrn.com/sol3/papers.cfm?abstract_id=3402216> accessed 8 September 2025.",
     Some("Discrimination Law and the Language of Torts in the UK Supreme Court"), Some("SSRN"), Some("2019"), Some("2025-09-08")),
    ("The Careers & Enterprise Company, ‘Who we are’ <https://www.careersandenterprise.co.uk/who-we-are/> 19 December 2025.",
     Some("Who we are"), Some("The Careers & Enterprise Company"), None, Some("2025-12-19")),
    ("‘Vehicle Insurance’ ( GOV.UK , nd) <https://www.gov.uk/vehicle-insurance> accessed 11 September 2025 ; ‘Car insurance validity in the EU’ (Your Europe, 2024) <https://europa.eu/youreurope/car-insurance> accessed 11 September 2025.",
     Some("Vehicle Insurance"), Some("GOV.UK"), None, Some("2025-09-11")),
    ("Merlin Stein and Connor Dunlop, ‘Safe before Sale’ (Ada Lovelace Institute<https://www.adalovelaceinstitute.org/report/safe-before-sale/> accessed 4 September 2025.",
     Some("Safe before Sale"), Some("Ada Lovelace Institute"), None, Some("2025-09-04")),
    ("Victoria Hoyle and others, ‘Child Social-Care Recording and the Information Rights of Care-Experienced People: A Recordkeeping Perspective’ (2019) 49 The British Journal of Social Work 1856 <https://doi.org/10.1093/bjsw/bcy115> accessed 21 August 2025.",
     Some("Child Social-Care Recording and the Information Rights of Care-Experienced People: A Recordkeeping Perspective"), Some("The British Journal of Social Work"), Some("2019"), Some("2025-08-21")),
    ("Liz O’Rourke, Recording in Social Work (Policy Press, 2010).",
     Some("Recording in Social Work"), Some("Policy Press"), Some("2010"), None),
    ("Dan Milmo, ‘AI Tools May Soon Manipulate People’s Online Decision-Making, Say Researchers’ The Guardian 30 December 2024) <https://www.theguardian.com/technology/2024/dec/30/ai-tools> accessed 2 May 2025.",
     Some("AI Tools May Soon Manipulate People’s Online Decision-Making, Say Researchers"), Some("The Guardian"), Some("2024-12-30"), Some("2025-05-02")),
    ("Department for Education, ‘Generative AI in Education’ (GOV.UK, 26 June 2025) <https://www.gov.uk/government/publications/generative-ai> last visited 4 November 2025.",
     Some("Generative AI in Education"), Some("GOV.UK"), Some("2025-06-26"), Some("2025-11-04")),
    ("‘Letter from Feryal Clark MP to Chi Onwurah MP’ (Department for Science, Innovation and Technology, 3 March 2025) <https://committees.parliament.uk/publications/47602/documents/248450/default/> accessed 20 April 2025.",
     Some("Letter from Feryal Clark MP to Chi Onwurah MP"), Some("Department for Science, Innovation and Technology"), Some("2025-03-03"), Some("2025-04-20")),
    ("‘AI Action Plan for Justice’ (GOV.UK) <https://www.gov.uk/government/publications/ai-action-plan-for-justice> accessed 19 August 2022.",
     Some("AI Action Plan for Justice"), Some("GOV.UK"), None, Some("2022-08-19")),
    // commentary before the citation, "See", and the issuer as outlet (Bruegel-style notes)
    ("See European Commission, ‘Cars and Vans’, undated, https://climate.ec.europa.eu/eu-action/transport/cars-and-vans_en .",
     Some("Cars and Vans"), Some("European Commission"), None, None),
    ("See European Commission press release of 4 March 2026, ‘Commission proposes Industrial Accelerator Act to strengthen industry and create jobs in Europe’, https://ec.europa.eu/commission/presscorner/detail/en/ip_26_515 .",
     Some("Commission proposes Industrial Accelerator Act to strengthen industry and create jobs in Europe"), Some("European Commission"), Some("2026-03-04"), None),
    ("Plug-in hybrid and full battery electric vehicles use 25 percent more aluminium than the typical internal combustion engine car. Eoin Dinsmore, ‘Electric vehicles to transform aluminium demand’, CRU, 15 February 2018, https://www.crugroup.com/en/communities/aluminium .",
     Some("Electric vehicles to transform aluminium demand"), Some("CRU"), Some("2018-02-15"), None),
    ("Under Canada’s 2026 Electric Vehicle Affordability Program (EVAP), EV subsidies are reserved for EVs made in Canada. See Government of Canada, ‘Electric Vehicle Affordability Program’, https://tc.canada.ca/en/road-transportation/evap .",
     Some("Electric Vehicle Affordability Program"), Some("Government of Canada"), None, None),
    ("Peggy Corlin, ‘China pushes EU capitals to scrap ‘Made in Europe’ law or face retaliation’, Euronews , 29 April 2026, https://www.euronews.com/my-europe/2026/04/29/china-pushes .",
     Some("China pushes EU capitals to scrap ‘Made in Europe’ law or face retaliation"), Some("Euronews"), Some("2026-04-29"), None),
];

/// OSCOLA containers: journals after the year, chapters and proceedings closed by a
/// publication parenthesis, and the author lists and titles around them.
const OSCOLA_CONTAINERS: &[Row] = &[
    // a journal without pages, its link and access date right after the name
    ("Ann Roe, ‘Focus and Attention in Students’ (2024) 12 Archives of Neuroscience <https://brieflands.com/articles/ans-1> accessed 6 May 2025.",
     Some("Focus and Attention in Students"), Some("Archives of Neuroscience"), Some("2024"), Some("2025-05-06")),
    // an article number for pages; an abbreviation in parentheses is the name's
    ("Rebecca Roe, ‘Case Recording in Child Protection’ (2024) 33 Child Abuse Review e2894 <https://onlinelibrary.wiley.com/doi/abs/10.1002/car.2894> accessed 3 September 2025.",
     Some("Case Recording in Child Protection"), Some("Child Abuse Review"), Some("2024"), Some("2025-09-03")),
    ("Stephen Roe, ‘Collective Damages for GDPR Breaches’ (2022) 8 European Data Protection Law Review (EDPL) 493.",
     Some("Collective Damages for GDPR Breaches"), Some("European Data Protection Law Review (EDPL)"), Some("2022"), None),
    // no volume, the year in brackets, an article identifier
    ("Jan Roe, ‘AI Mimicry and Human Dignity’ [2025] Journal of Applied Philosophy japp.70037.",
     Some("AI Mimicry and Human Dignity"), Some("Journal of Applied Philosophy"), Some("2025"), None),
    // no year at all: volume, journal, first page
    ("AG Roe, ‘The Role of Information Technologies in Guidance.’ 2 International Journal for Educational and Vocational Guidance 139.",
     Some("The Role of Information Technologies in Guidance"), Some("International Journal for Educational and Vocational Guidance"), None, None),
    // a chapter in an edited book: the publisher in the last parenthesis
    ("Gian Roe, ‘Democracy as a Moral Challenge’ in Ashley Weinberg (ed), Psychology of Democracy (Cambridge University Press, 2022) <https://www.cambridge.org/core/books/x> accessed 13 June 2025.",
     Some("Democracy as a Moral Challenge"), Some("Cambridge University Press"), Some("2022"), Some("2025-06-13")),
    ("Tom Roe, ‘The Role of Digital Technology’, The Oxford Handbook of Career Development (Oxford University Press 2020).",
     Some("The Role of Digital Technology"), Some("Oxford University Press"), Some("2020"), None),
    // proceedings with no publisher: the conference, commas and year included
    ("Alan Roe and others, ‘Visibility into AI Agents’, The 2024 ACM Conference on Fairness, Accountability, and Transparency (2024) <http://arxiv.org/abs/2401.13138> accessed 24 April 2025.",
     Some("Visibility into AI Agents"), Some("The 2024 ACM Conference on Fairness, Accountability, and Transparency"), Some("2024"), Some("2025-04-24")),
    // a book: its link and access date after the parenthesis; a publication history
    ("Carlota Roe, Technological Revolutions and Financial Capital (Edward Elgar Publishing 2003) <https://books.google.co.uk/books?id=x> accessed 7 May 2024.",
     Some("Technological Revolutions and Financial Capital"), Some("Edward Elgar Publishing"), Some("2003"), Some("2024-05-07")),
    ("Brian Roe, The Alignment Problem (First published as a Norton paperback, W W Norton & Company 2021).",
     Some("The Alignment Problem"), Some("W W Norton & Company"), Some("2021"), None),
    // "A, B and C, Title": the title after the list of authors; a serial list in a title
    ("Ajay Roe, Joshua Gans and Avi Goldfarb, Power and Prediction (Harvard Business Review Press 2022).",
     Some("Power and Prediction"), Some("Harvard Business Review Press"), Some("2022"), None),
    ("Adrienne Roe, Gods and Robots: Myths, Machines, and Ancient Dreams of Technology (Princeton, NJ: Princeton University Press, 2020).",
     Some("Gods and Robots: Myths, Machines, and Ancient Dreams of Technology"), Some("Princeton University Press"), Some("2020"), None),
    // a plural possessive inside single quotes is no closing quote
    ("‘Factors Influencing Firms’ Adoption of Advanced Technologies’ (GOV.UK) <https://www.gov.uk/x> accessed 26 September 2025.",
     Some("Factors Influencing Firms’ Adoption of Advanced Technologies"), Some("GOV.UK"), None, Some("2025-09-26")),
    // a lowercase brand in the outlet's place, before a date
    ("Khurram Roe, ‘AI Slop Is Everywhere’ ( allaboutai , 16 December 2025) <https://www.allaboutai.com/x/> accessed 18 December 2025.",
     Some("AI Slop Is Everywhere"), Some("allaboutai"), Some("2025-12-16"), Some("2025-12-18")),
    ("“What happened to the hydrogen strategy?,” bnamericas, November 14, 2023, https://www.bnamericas.com/en/analysis/x .",
     Some("What happened to the hydrogen strategy?"), Some("bnamericas"), Some("2023-11-14"), None),
    // a year inside a conference's name is no publication date
    ("Allison Roe and others, ‘Careless Whisper’ (The 2024 ACM Conference on Fairness, Accountability, and Transparency, 2024) <http://arxiv.org/abs/2402.08021> accessed 24 April 2025.",
     Some("Careless Whisper"), Some("The 2024 ACM Conference on Fairness, Accountability, and Transparency"), Some("2024"), Some("2025-04-24")),
    // an e-print identifier names its repository
    ("Kimi Team, “Kimi K2.5: Visual Agentic Intelligence,” arXiv:2602.02276, February 2, 2026, https://arxiv.org/abs/2602.02276 .",
     Some("Kimi K2.5: Visual Agentic Intelligence"), Some("arXiv"), Some("2026-02-02"), None),
    // author-date with a period detached by a space (PDF extraction)
    ("Toney, Autumn, and Melissa Flagg. 2021. Research Impact, Research Output, and the Role of International Collaboration . Center for Security and Emerging Technology. https://cset.georgetown.edu/publication/x/.",
     Some("Research Impact, Research Output, and the Role of International Collaboration"), Some("Center for Security and Emerging Technology"), Some("2021"), None),
    // a series label is skipped for the publisher after it
    ("Schoeberl, Christian. 2023. Examining Key Tech Areas in Government Contracts Data. Data Snapshot. Center for Security and Emerging Technology. https://cset.georgetown.edu/publication/x/.",
     Some("Examining Key Tech Areas in Government Contracts Data"), Some("Center for Security and Emerging Technology"), Some("2023"), None),
    // "See for example" and a genre after the issuer
    ("See for example Latham & Watkins client alert of 8 July 2025, ‘One Big Beautiful Bill’, https://www.lw.com/en/insights/x .",
     Some("One Big Beautiful Bill"), Some("Latham & Watkins"), Some("2025-07-08"), None),
    // a genre is no lowercase brand
    ("Maggie Roe, “Senators Sound Alarm,” press release, December 3, 2025, https://www.hassan.senate.gov/news/x .",
     Some("Senators Sound Alarm"), None, Some("2025-12-03"), None),
];

const DATES_AND_SCRIPTS: &[Row] = &[
    ("“Grid Reliability Assessment,” North American Electric Reliability Corporation, 9 September, 2025, https://www.nerc.com/assessment.pdf.",
     Some("Grid Reliability Assessment"), Some("North American Electric Reliability Corporation"), Some("2025-09-09"), None),
    ("“Annual Report 2025,” Example Agency, 2026-03-23, https://example.org/report.pdf.",
     Some("Annual Report 2025"), Some("Example Agency"), Some("2026-03-23"), None),
    ("“Data Portal,” World Bank, Accessed: Mar. 3, 2024. [Online]. Available: https://data.worldbank.org/",
     Some("Data Portal"), Some("World Bank"), None, Some("2024-03-03")),
    ("“Renewables 2024,” International Energy Agency, Retrieved 5 January 2025, https://www.iea.org/reports/renewables-2024",
     Some("Renewables 2024"), Some("International Energy Agency"), None, Some("2025-01-05")),
    ("张驰：《半岛局势展望》，载《国际问题研究》2019年第1期。",
     Some("半岛局势展望"), Some("国际问题研究"), Some("2019"), None),
    ("习近平：《在庆祝改革开放40周年大会上的讲话》，新华网，2018年12月18日，http://www.xinhuanet.com/politics/2018-12/18/c_1123872025.htm。",
     Some("在庆祝改革开放40周年大会上的讲话"), Some("新华网"), Some("2018-12-18"), None),
    ("《2023年中国数字经济发展报告》，中国信息通信研究院，2024年4月，访问日期：2025年1月2日。",
     Some("2023年中国数字经济发展报告"), Some("中国信息通信研究院"), Some("2024-04"), Some("2025-01-02")),
    ("王毅，“中美关系的未来”，人民日报，2021年3月8日，http://paper.people.com.cn/rmrb/html/2021-03/08/nw.htm",
     Some("中美关系的未来"), Some("人民日报"), Some("2021-03-08"), None),
    ("Author interview with an official from Thailand’s Ministry of Interior, May 14, 2019.",
     None, None, Some("2019-05-14"), None),
];

#[test]
fn every_style_reads_into_fields() {
    let mut wrong = Vec::new();
    let rows = CHICAGO
        .iter()
        .chain(AUTHOR_DATE)
        .chain(OSCOLA)
        .chain(OSCOLA_CONTAINERS)
        .chain(DATES_AND_SCRIPTS);
    let mut n = 0;
    for &(text, title, outlet, date, accessed) in rows {
        n += 1;
        let r = parse_note(&note(text));
        let got = (
            r.title.as_deref(),
            r.source.as_deref(),
            r.date.map(|d| d.to_string()),
            r.accessed.map(|d| d.to_string()),
        );
        let want = (
            title,
            outlet,
            date.map(str::to_string),
            accessed.map(str::to_string),
        );
        if got != want {
            wrong.push(format!("{text}\n    want {want:?}\n    got  {got:?}"));
        }
    }
    assert!(n >= 60, "{n} rows");
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn kinds_follow_the_shape() {
    let kind = |t: &str| parse_note(&note(t)).kind;
    // a web magazine with a number in its name is news, not a book
    assert_eq!(kind("Jenny Town, “North Korea’s Party Congress,” 38 North, January 15, 2021, https://www.38north.org/2021/01/x/."), Kind::News);
    assert_eq!(kind("Hannah Arendt, The Human Condition (Chicago: Chicago University Press, 1957), prologue, 1–6."), Kind::Book);
    assert_eq!(
        kind("Liz O’Rourke, Recording in Social Work (Policy Press, 2010)."),
        Kind::Book
    );
    assert_eq!(kind("Joseph Dumit and Andreas Roepstorff, ‘AI Hallucinations Are a Feature of LLM Design, Not a Bug’ (2025) 639 Nature 38."), Kind::Journal);
    assert_eq!(kind("Jason Furman and Robert Seamans, “AI and the Economy,” Innovation Policy and the Economy 19 (January 1, 2019): 161–91, https://doi.org/10.1086/699936 ."), Kind::Journal);
    assert_eq!(kind("Clean Energy States Alliance, Table of 100% Clean Energy States , accessed November 23, 2025, https://www.cesa.org/x/."), Kind::Web);
    assert_eq!(
        kind("Author interview with an official, May 14, 2019."),
        Kind::Other
    );
    assert_eq!(kind("Ibid."), Kind::Short);
    assert_eq!(kind("Id. at 45."), Kind::Short);
}

#[test]
fn short_forms_still_resolve() {
    let notes = [
        note("Jane Roe, “Other Work,” *Outlet*, 2019."),
        note("Id."),
        note("Roe, op. cit., 12."),
    ];
    let mut doc = Document::new("x", crate::model::Format::Text);
    doc.notes = notes
        .into_iter()
        .enumerate()
        .map(|(i, mut n)| {
            n.label = (i + 1).to_string();
            n
        })
        .collect();
    let same: Vec<Option<String>> = read_document(&doc).into_iter().map(|r| r.same_as).collect();
    assert_eq!(same, [None, Some("1".into()), Some("1".into())]);
}
