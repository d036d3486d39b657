//! The page shell as a new user meets it, in headless Chromium: served over HTTP from a
//! sub-path, pressed Play on, switched to Chinese, and opened as one file from `file://` (its
//! on-demand modules — script engine, console, Learn panel — unpacked from the file).

use shardlab_e2e::{dist_dir, serve_dist, Browser};

fn clock(browser: &Browser) -> String {
    browser.text(&browser.by_role("timer", "Virtual clock"))
}

#[test]
fn play_advances_the_virtual_clock() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    assert_eq!(clock(&browser), "00:00:00.000");
    browser.click(&browser.by_role("button", "Play"));
    browser
        .wait_for("the virtual clock to pass one second", || (clock(&browser).as_str() > "00:00:01.000").then_some(()));
    browser.click(&browser.by_role("button", "Pause"));
    let paused = clock(&browser);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(clock(&browser), paused, "Pause stops the clock");
}

#[test]
fn speed_multiplies_virtual_time() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.select_option(&browser.by_role("combobox", "Speed"), "3,600×");
    browser.click(&browser.by_role("button", "Play"));
    // At 3,600× a virtual hour passes in about a wall second.
    browser
        .wait_for("the clock to pass one virtual hour", || (clock(&browser).as_str() >= "01:00:00.000").then_some(()));
}

#[test]
fn the_language_switch_works_and_survives_a_reload() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.click(&browser.by_role("button", "繁體中文"));
    browser.by_role("button", "播放");
    browser.by_role("timer", "虛擬時鐘");
    browser.refresh();
    browser.by_role("button", "播放");
    browser.click(&browser.by_role("button", "English"));
    browser.by_role("button", "Play");
}

#[test]
fn the_page_works_from_a_sub_path() {
    // Course sites serve the lab under their own path: every URL in dist/ must be relative.
    let root = std::env::temp_dir().join(format!("shardlab-subpath-{}", std::process::id()));
    let nested = root.join("notes/lab");
    std::fs::create_dir_all(nested.parent().unwrap()).unwrap();
    let _ = std::fs::remove_dir_all(&nested);
    copy_dir(&dist_dir(), &nested);
    let url = devserve::Server::bind(&root, "127.0.0.1:0").unwrap().spawn();
    let browser = Browser::start();
    browser.goto(&format!("{url}notes/lab/"));
    browser.click(&browser.by_role("button", "Play"));
    browser.wait_for("the clock to move", || (clock(&browser) != "00:00:00.000").then_some(()));
    drop(browser);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn the_single_file_opens_from_file_url_without_a_server() {
    let file = dist_dir().join("shardlab.html").canonicalize().unwrap();
    let browser = Browser::start();
    browser.goto(&format!("file://{}", file.display()));
    assert_eq!(browser.title(), "ShardLab");
    browser.click(&browser.by_role("button", "Play"));
    browser.wait_for("the clock to move", || (clock(&browser) != "00:00:00.000").then_some(()));

    // The script engine travels inside the file too, unpacked when a transform appears.
    browser.click(&browser.by_role("button", "Pause"));
    browser.place("Lambda transform");
    browser.click(&browser.by_role("button", "Lambda transform transform"));
    test_transform_when_ready(&browser);

    // So does the console's AWS CLI: a command typed at once runs when it has unpacked.
    browser.click(&browser.by_role("tab", "Console"));
    let input = browser.by_role("textbox", "AWS CLI command");
    browser.type_text(&input, "aws kinesis list-streams\u{E007}");
    let log = browser.by_role("log", "Console output");
    browser.wait_for("the CLI's answer", || browser.text(&log).contains("\"StreamNames\"").then_some(()));

    // And the Learn panel, with its lessons and its quiz.
    browser.click(&browser.by_role("button", "Learn"));
    browser.click(&browser.by_role("button", "Quiz"));
    browser.click(&browser.find_all(".learn-panel .choices input")[0]);
    browser.click(&browser.by_role("button", "Check"));
    browser.wait_for("the explanation", || (!browser.find_all(".learn-panel .outcome").is_empty()).then_some(()));
}

/// Waits for the script engine (the editor's Test button is off while it loads), then tests
/// the transform on the sample records.
fn test_transform_when_ready(browser: &Browser) {
    let test = browser.by_role("button", "Test with sample records");
    browser.wait_for("the script engine", || browser.attribute(&test, "disabled").is_none().then_some(()));
    browser.click(&test);
    let results = browser.by_role("region", "Results");
    browser.wait_for("the test's results", || browser.text(&results).contains(" Ok: ").then_some(()));
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn the_first_load_starts_the_lab_build_and_the_full_build_comes_when_asked_for() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    let model = |b: &Browser| b.execute("return document.documentElement.dataset.model || null;", vec![]);
    browser.wait_for("the lab build to start", || (model(&browser) == serde_json::json!("lab")).then_some(()));
    browser.place("Data stream");
    // What the page does when the lab needs every service: swap builds, keep the work.
    browser.execute("shardlabUseFullModel();", vec![]);
    browser.wait_for("the full build to start", || (model(&browser) == serde_json::json!("full")).then_some(()));
    browser.by_role("button", "Data stream stream");
    browser.execute("localStorage.removeItem('shardlab.model');", vec![]);
}

/// What opening the page downloads, gzip as a server sends it, stays within its 600 KB
/// budget: every file of dist/ but the one-file copy and the modules fetched on demand (the
/// build with every service's model, the transforms' script engine, the console's AWS CLI,
/// the Learn panel).
#[test]
fn the_first_load_stays_within_its_600_kb_budget() {
    use std::io::Write;
    let on_demand = ["shardlab.html", "shardlab_full", "shardlab_script", "shardlab_cli", "shardlab_course"];
    let mut total = 0;
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dist_dir()).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.path().is_file() || on_demand.iter().any(|p| name.starts_with(p)) {
            continue;
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&std::fs::read(entry.path()).unwrap()).unwrap();
        let n = gz.finish().unwrap().len();
        total += n;
        files.push((name, n));
    }
    assert!(files.iter().any(|(n, _)| n == "shardlab_bg.wasm"), "the page's wasm is among them: {files:?}");
    assert!(total <= 600_000, "the first load is {total} bytes gzip, over 600 KB: {files:?}");
}

/// The palette's family headings, written in their family's colour, keep WCAG AA's 4.5:1
/// against what they are drawn on, in the light and the dark theme.
#[test]
fn the_family_colours_are_legible_in_both_themes() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    let contrasts = |browser: &Browser| -> Vec<(String, f64)> {
        let v = browser.execute(
            r#"
            const rgb = (c) => c.match(/[\d.]+/g).slice(0, 4).map(Number);
            const lum = ([r, g, b]) => [r, g, b].map((x) => x / 255)
                .map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4))
                .reduce((s, x, i) => s + x * [0.2126, 0.7152, 0.0722][i], 0);
            const background = (el) => {
                for (; el; el = el.parentElement) {
                    const c = rgb(getComputedStyle(el).backgroundColor);
                    if (c.length < 4 || c[3] > 0) return c;
                }
                return [255, 255, 255];
            };
            return [...document.querySelectorAll('.palette-group h3')].map((h) => {
                const [a, b] = [lum(rgb(getComputedStyle(h).color)), lum(background(h))];
                return [h.textContent, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
            });"#,
            vec![],
        );
        v.as_array()
            .into_iter()
            .flatten()
            .map(|p| (p[0].as_str().unwrap_or_default().to_string(), p[1].as_f64().unwrap_or(0.0)))
            .collect()
    };
    // The page draws itself once its wasm has started.
    browser.wait_for("the palette", || (browser.find_all(".palette-group h3").len() >= 3).then_some(()));
    let light = contrasts(&browser);
    assert!(light.len() >= 3, "the palette's families: {light:?}");
    browser.click(&browser.by_role("button", "Dark theme"));
    let theme = || browser.execute("return document.documentElement.dataset.theme || null;", vec![]);
    browser.wait_for("the dark theme", || (theme() == serde_json::json!("dark")).then_some(()));
    let dark = contrasts(&browser);
    for (theme, found) in [("light", light), ("dark", dark)] {
        for (heading, ratio) in found {
            assert!(ratio >= 4.5, "{heading} is {ratio:.2}:1 in the {theme} theme");
        }
    }
}
