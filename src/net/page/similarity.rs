//! The content fingerprint of a page: hashes of the word 3-shingles of its visible text
//! (character 3-grams for CJK), compared with [`similarity`].

use super::{is_cjk, MAX_SHINGLE_WORDS};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// One FNV-1a step over a whole character (the shingle hash is mixed afterwards).
fn fnv(h: u64, c: u32) -> u64 {
    (h ^ u64::from(c)).wrapping_mul(FNV_PRIME)
}

/// The splitmix64 finaliser: spreads a combined hash over all 64 bits.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hashes of the words of `text` (lower case; each CJK character a word), at most
/// [`MAX_SHINGLE_WORDS`].
fn word_hashes(text: &str) -> Vec<u64> {
    const CJK_SEED: u64 = FNV_OFFSET ^ 0x9e37_79b9;
    let mut out = Vec::with_capacity(MAX_SHINGLE_WORDS.min(text.len() / 4 + 1));
    let mut h = FNV_OFFSET;
    let mut in_word = false;
    let mut rest = text;
    while out.len() < MAX_SHINGLE_WORDS {
        let Some(&b) = rest.as_bytes().first() else {
            break;
        };
        if b.is_ascii() {
            rest = rest.get(1..).unwrap_or("");
            if b.is_ascii_alphanumeric() {
                h = fnv(h, u32::from(b.to_ascii_lowercase()));
                in_word = true;
            } else if in_word {
                out.push(h);
                in_word = false;
                h = FNV_OFFSET;
            }
            continue;
        }
        let Some(c) = rest.chars().next() else {
            break;
        };
        rest = rest.get(c.len_utf8()..).unwrap_or("");
        if is_cjk(c) {
            if in_word {
                out.push(h);
                in_word = false;
                h = FNV_OFFSET;
            }
            out.push(fnv(CJK_SEED, u32::from(c)));
        } else if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                h = fnv(h, u32::from(l));
            }
            in_word = true;
        } else if in_word {
            out.push(h);
            in_word = false;
            h = FNV_OFFSET;
        }
    }
    if in_word && out.len() < MAX_SHINGLE_WORDS {
        out.push(h);
    }
    out
}

/// Sorted, deduplicated hashes of the word 3-shingles of `text` (a text of one or two
/// words gives one shingle).
pub(super) fn shingles(text: &str) -> Vec<u64> {
    let words = word_hashes(text);
    let mut out: Vec<u64> = match words.as_slice() {
        [] => Vec::new(),
        [a] => vec![mix(*a)],
        [a, b] => vec![mix(a.rotate_left(21) ^ b)],
        _ => words
            .windows(3)
            .map(|w| match w {
                [a, b, c] => mix(a.rotate_left(42) ^ b.rotate_left(21) ^ c),
                _ => 0,
            })
            .collect(),
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Jaccard similarity (|A ∩ B| / |A ∪ B|) of two shingle sets, from 0.0 to 1.0. Returns 0.0
/// when either set is empty (an empty page is like nothing, not like every other empty
/// page). Expects sorted, deduplicated input as in
/// [`PageInfo::shingles`](super::PageInfo::shingles); other input is sorted and
/// deduplicated first.
pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let strictly_sorted = |s: &[u64]| s.windows(2).all(|w| matches!(w, [x, y] if x < y));
    let owned = |s: &[u64]| {
        let mut v = s.to_vec();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (a_own, b_own);
    let a = if strictly_sorted(a) {
        a
    } else {
        a_own = owned(a);
        &a_own
    };
    let b = if strictly_sorted(b) {
        b
    } else {
        b_own = owned(b);
        &b_own
    };
    let (mut i, mut j, mut common) = (0usize, 0usize, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    // Lossless for any realistic set size.
    common as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::page::parse_page;
    use crate::net::page::tests::{lorem, page, XINHUA, YONHAP};

    fn article(body: &str, extra: &str) -> String {
        page(
            "<title>Article | Site</title>",
            &format!(
                "<nav><a>Home</a><a>World</a></nav><h1>Article</h1><div class=\"ad\">{extra}</div><p>{body}</p>\
                 <script>var views = {};</script>",
                extra.len()
            ),
        )
    }

    #[test]
    fn near_identical_pages_are_similar() {
        let body = lorem(1, 1_200);
        let a = parse_page(&article(&body, "Advertisement 1"));
        let b = parse_page(&article(&body, "Sponsored 2"));
        let s = similarity(&a.shingles, &b.shingles);
        assert!(s >= 0.95, "{s}");
        assert_eq!(similarity(&a.shingles, &a.shingles), 1.0);
        // Markup differences do not matter, case does not either.
        let c = parse_page(&page(
            "",
            &format!("<div><span>{}</span></div>", body.to_uppercase()),
        ));
        assert!(similarity(&a.shingles, &c.shingles) >= 0.95);
    }

    #[test]
    fn different_pages_are_not_similar() {
        let a = parse_page(&article(&lorem(1, 1_200), ""));
        let b = parse_page(&article(&lorem(2, 1_200), ""));
        let s = similarity(&a.shingles, &b.shingles);
        assert!(s < 0.5, "{s}");
        let x = parse_page(XINHUA);
        let y = parse_page(YONHAP);
        assert!(similarity(&x.shingles, &y.shingles) < 0.5);
        assert!(similarity(&x.shingles, &a.shingles) < 0.05);
    }

    #[test]
    fn cjk_text_uses_character_trigrams() {
        let p = parse_page(&page("", "<p>国家主席习近平</p>"));
        // Seven characters: five 3-grams.
        assert_eq!(p.shingles.len(), 5);
        let q = parse_page(&page("", "<p>国家 主席\n习近平</p>"));
        assert_eq!(p.shingles, q.shingles);
        let r = parse_page(&page("", "<p>one two</p>"));
        assert_eq!(r.shingles.len(), 1);
        let w = parse_page(&page("", "<p>one two three four</p>"));
        assert_eq!(w.shingles.len(), 2);
    }

    #[test]
    fn shingles_read_a_bounded_number_of_words() {
        let body = lorem(3, 20_000);
        let p = parse_page(&page("", &format!("<p>{body}</p>")));
        assert!(p.shingles.len() <= MAX_SHINGLE_WORDS);
        assert!(p.shingles.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn similarity_edge_cases() {
        assert_eq!(similarity(&[], &[]), 0.0);
        assert_eq!(similarity(&[1, 2, 3], &[]), 0.0);
        assert_eq!(similarity(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert_eq!(similarity(&[1, 2, 3, 4], &[3, 4, 5, 6]), 2.0 / 6.0);
        // Unsorted or repeated input is tolerated.
        assert_eq!(similarity(&[3, 1, 2, 2], &[2, 3, 1]), 1.0);
        assert_eq!(similarity(&[1], &[2]), 0.0);
    }
}
