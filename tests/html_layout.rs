//! The HTML report on any screen, checked in headless Chromium: at 390 px (a phone, a narrow
//! pull-request panel) each note is a card and no cell of the notes is narrower than 120 px,
//! nothing scrolls sideways; at 1400 px the notes are a table. Screenshots of both go to
//! `target/` (`docs/` holds the ones the README shows).
//!
//! Needs Chromium (Debian's `chromium`; `.ci/run` installs it). Without it the test says so
//! and passes, except under CI, where it fails: CI must measure the layout.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The page that holds the report in a frame `WIDTH` px wide (headless Chromium will not make
/// a window narrower than 500 px, a frame can be) and, once it is laid out and its own script
/// has run, measures the notes' visible cells and writes what it found into the DOM for
/// `--dump-dom`. A `srcdoc` frame shares the holder's origin, so the holder can look in.
const HOLDER: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8"></head>
<body style="margin:0"><iframe id="f" style="width:WIDTHpx;height:2400px;border:0;display:block" srcdoc="SRCDOC"></iframe>
<script>
window.addEventListener('load', function () {
  var w = document.getElementById('f').contentWindow, d = w.document;
  var narrowest = 1e9, cell = '', cells = 0;
  d.querySelectorAll('table.notes td').forEach(function (c) {
    if (c.offsetParent === null) return;
    var r = c.getBoundingClientRect().width;
    cells++;
    if (r < narrowest) { narrowest = r; cell = c.className; }
  });
  // what reaches past the right edge, if anything
  var wide = '';
  d.querySelectorAll('body *').forEach(function (e) {
    if (!wide && e.offsetParent !== null && e.getBoundingClientRect().right > w.innerWidth + 1) {
      wide = e.tagName.toLowerCase() + '.' + e.className + '#' + e.id;
    }
  });
  var card = d.querySelector('table.notes tr.note');
  var out = document.createElement('pre');
  out.id = 'layout';
  out.textContent = JSON.stringify({
    narrowest: narrowest, cell: cell, cells: cells,
    scroll: d.documentElement.scrollWidth, viewport: w.innerWidth, wide: wide,
    rowDisplay: card ? w.getComputedStyle(card).display : ''
  });
  document.body.appendChild(out);
});
</script></body></html>"#;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let out = Command::new("which").arg(name).output().ok()?;
            let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
            (out.status.success() && !path.is_empty()).then(|| PathBuf::from(path))
        })
}

fn report(dir: &Path) -> PathBuf {
    let html = dir.join("report.html");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("references/peninsula-prospects.txt");
    let status = Command::new(env!("CARGO_BIN_EXE_reflint"))
        .args(["check", "--offline", "--format", "html", "--output"])
        .arg(&html)
        .arg(&sample)
        .status()
        .expect("reflint runs");
    assert!(matches!(status.code(), Some(0 | 1)), "{status:?}");
    html
}

/// The report as Chromium lays it out `width` px wide: the measures of [`HOLDER`], and a
/// screenshot.
fn layout(chrome: &Path, html: &Path, width: u32, png: &Path) -> Value {
    let page = std::fs::read_to_string(html).expect("report");
    let srcdoc = page
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let holder = HOLDER
        .replace("WIDTH", &width.to_string())
        .replace("SRCDOC", &srcdoc);
    let copy = html.with_file_name(format!("holder-{width}.html"));
    std::fs::write(&copy, holder).expect("write");
    let url = format!("file://{}", copy.display());
    let flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--hide-scrollbars",
    ];
    let size = format!("--window-size={},2400", width.max(500));
    let out = Command::new(chrome)
        .args(flags)
        .arg(&size)
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout);
    let json = dom
        .split("<pre id=\"layout\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| {
            panic!(
                "no measures in the DOM: {}",
                String::from_utf8_lossy(&out.stderr)
            )
        })
        .replace("&quot;", "\"");
    let shot = Command::new(chrome)
        .args(flags)
        .arg(&size)
        .arg(format!("--screenshot={}", png.display()))
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(
        shot.status.success(),
        "{}",
        String::from_utf8_lossy(&shot.stderr)
    );
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

#[test]
fn the_html_report_reads_on_a_phone_and_on_a_desktop() {
    let Some(chrome) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must measure the HTML layout: install chromium"
        );
        eprintln!("chromium not found: the HTML layout is not measured");
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let html = report(dir.path());
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&shots).expect("target/");

    let phone = layout(&chrome, &html, 390, &shots.join("report-390.png"));
    assert_eq!(phone["rowDisplay"], "block", "a card per note: {phone}");
    assert!(phone["cells"].as_u64().unwrap_or(0) > 10, "{phone}");
    assert!(
        phone["narrowest"].as_f64().unwrap_or(0.0) >= 120.0,
        "no cell narrower than 120 px at 390 px: {phone}"
    );
    assert_eq!(phone["viewport"], 390, "{phone}");
    assert!(
        phone["scroll"].as_f64() <= phone["viewport"].as_f64(),
        "nothing scrolls sideways: {phone}"
    );

    let desk = layout(&chrome, &html, 1400, &shots.join("report-1400.png"));
    assert_eq!(
        desk["rowDisplay"], "table-row",
        "a table on a desktop: {desk}"
    );
    for png in ["report-390.png", "report-1400.png"] {
        let len = std::fs::metadata(shots.join(png)).map_or(0, |m| m.len());
        assert!(len > 10_000, "{png}: {len} bytes");
    }
}
