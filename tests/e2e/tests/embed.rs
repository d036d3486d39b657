//! Embedding in course notes: a plain HTML page with two iframes of different scenarios (one
//! in Chinese and dark) that play independently, leave the full page's saved work alone, and a
//! broken embed link that says what is wrong inside its frame.

use shardlab_e2e::{course_site, Browser};

/// The embed fragment (`#/embed?scenario=…`) of the side-by-side lesson, as the full page's
/// share link carries it.
fn lesson_payload(browser: &Browser, url: &str) -> String {
    browser.goto(url);
    browser.choose_in_scenario_menu("Data Streams vs Firehose (side by side)");
    browser.click(&browser.by_role("button", "Scenario ▾"));
    browser.click(&browser.by_role("button", "Copy share link"));
    let link = browser.wait_for("the share link", || {
        let v = browser.execute("return document.querySelector('.menu-items input[readonly]')?.value", vec![]);
        v.as_str().map(str::to_string)
    });
    link.split("#s=").nth(1).expect("a share link").to_string()
}

/// The frame's virtual clock, digits only (its name is in the frame's language).
fn clock_in_frame(browser: &Browser) -> String {
    let text = browser.execute("return document.querySelector('[role=timer]')?.textContent ?? ''", vec![]);
    text.as_str().unwrap_or_default().replace(|c: char| !c.is_ascii_digit(), "")
}

#[test]
fn two_embeds_on_a_course_page_play_independently_and_leave_saved_work_alone() {
    // dist/ and a course page beside it, served together.
    let (root, url) = course_site("course");
    let browser = Browser::start();
    let lab = format!("{url}lab/index.html");

    // The learner's own work on the full page: one producer, autosaved.
    browser.goto(&lab);
    browser.execute("localStorage.clear();", vec![]);
    browser.refresh();
    let payload = lesson_payload(&browser, &lab);
    // The Embed dialog writes the snippet of this scenario, and previews it.
    browser.click(&browser.by_role("button", "Embed in course notes…"));
    let snippet = browser.wait_for("the snippet", || {
        let v = browser.execute("return document.querySelector('dialog textarea')?.value", vec![]);
        v.as_str().map(str::to_string)
    });
    let src = format!("{lab}#/embed?scenario={payload}");
    assert!(snippet.starts_with(&format!("<iframe src=\"{src}\"")), "{snippet}");
    let preview = browser.execute("return document.querySelector('dialog iframe').src", vec![]);
    assert_eq!(preview.as_str(), Some(src.as_str()));
    browser.click(&browser.by_role("button", "Close"));
    browser.click(&browser.by_role("button", "Scenario ▾"));
    browser.click(&browser.by_role("button", "New (empty canvas)"));
    browser.place("Producer");
    let saved = browser.execute("return localStorage.getItem('shardlab.scenario')", vec![]);
    assert!(saved.as_str().is_some_and(|s| s.contains("producer")), "{saved}");

    let course = format!(
        "<!doctype html><title>Course notes</title><link rel=\"icon\" href=\"data:,\"><h1>Kinesis</h1>\
         <iframe title=\"lab one\" width=\"360\" height=\"420\" src=\"lab/index.html#/embed?scenario={payload}&autoplay&speed=60\"></iframe>\
         <iframe title=\"lab two\" width=\"640\" height=\"420\" src=\"lab/index.html#/embed?scenario={payload}&lang=zh-Hant&theme=dark\"></iframe>\
         <iframe title=\"broken\" width=\"320\" height=\"300\" src=\"lab/index.html#/embed?scenario=not-a-scenario\"></iframe>"
    );
    std::fs::write(root.join("course.html"), course).unwrap();
    browser.goto(&format!("{url}course.html"));

    // The first plays by itself.
    browser.enter_frame(0);
    browser.by_role("button", "Data stream clicks");
    browser
        .wait_for("the first embed's clock to run", || (clock_in_frame(&browser).as_str() > "000100000").then_some(()));
    let link = browser.by_role("link", "Open in ShardLab");
    assert!(browser.attribute(&link, "href").is_some_and(|h| h.contains(&format!("#s={payload}"))));
    browser.leave_frames();

    // The second is in Chinese and dark, and waits for its Play.
    browser.enter_frame(1);
    browser.by_role("button", "播放");
    let (lang, theme) = (
        browser.execute("return document.documentElement.lang", vec![]),
        browser.execute("return document.documentElement.dataset.theme", vec![]),
    );
    assert_eq!((lang.as_str(), theme.as_str()), (Some("zh-Hant-TW"), Some("dark")));
    assert_eq!(clock_in_frame(&browser), "000000000", "not started");
    browser.click(&browser.by_role("button", "播放"));
    browser.wait_for("the second embed's clock to run", || {
        (clock_in_frame(&browser).as_str() > "000000000").then_some(())
    });
    browser.leave_frames();

    // The broken one says why, inside its frame.
    browser.enter_frame(2);
    browser.wait_for("the broken link's message", || {
        browser.find_all(".notice").pop().map(|n| browser.text(&n)).filter(|t| t.contains("link"))
    });
    browser.leave_frames();

    // The learner's own work is as it was.
    assert_eq!(browser.execute("return localStorage.getItem('shardlab.scenario')", vec![]), saved);
    browser.goto(&lab);
    browser.by_role("button", "Producer producer");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn an_embedded_lesson_shows_its_scenario_and_opens_in_the_learn_panel() {
    let (root, url) = course_site("lesson-course");
    let browser = Browser::start();
    let course = "<!doctype html><title>Course notes</title><link rel=\"icon\" href=\"data:,\"><h1>Hot shards</h1>\
         <iframe title=\"lab\" width=\"520\" height=\"420\" src=\"lab/index.html#/embed?lesson=hot-shard&lang=zh-Hant\"></iframe>\
         <iframe title=\"no such lesson\" width=\"320\" height=\"300\" src=\"lab/index.html#/embed?lesson=nope\"></iframe>\
         <iframe title=\"emr\" width=\"520\" height=\"420\" src=\"lab/index.html#/embed?lesson=emr-waves\"></iframe>";
    std::fs::write(root.join("lessons.html"), course).unwrap();
    browser.goto(&format!("{url}lessons.html"));
    browser.enter_frame(0);
    // The lesson's stream, in the frame's language.
    browser.by_role("button", "clicks 的輸出");
    let link = browser.wait_for("the link to the full page", || {
        let href = browser.execute("return document.querySelector('a.open-full')?.href", vec![]);
        href.as_str().map(str::to_string)
    });
    assert!(link.ends_with("#/lesson?id=hot-shard"), "{link}");
    browser.leave_frames();
    browser.enter_frame(1);
    browser.wait_for("the message of an unknown lesson", || {
        let alert = browser.execute("return document.querySelector('[role=alert]')?.textContent ?? ''", vec![]);
        alert.as_str().unwrap_or_default().contains("no lesson").then_some(())
    });
    browser.leave_frames();
    // The EMR lesson's frame reloads itself into the build with EMR, by its own address.
    browser.enter_frame(2);
    browser.wait_for("the full build in the frame", || {
        let model = browser.execute("return document.documentElement.dataset.model || null;", vec![]);
        (model == serde_json::json!("full")).then_some(())
    });
    browser.by_role("button", "Output of Cluster");
    browser.leave_frames();
    assert_eq!(browser.execute("return localStorage.getItem('shardlab.model')", vec![]), serde_json::Value::Null);
    // The full page opens the lesson in the Learn panel, its scenario on the canvas.
    browser.goto(&link);
    browser.by_role("complementary", "Learn");
    browser.by_role("heading", "The hot shard");
    browser.by_role("button", "Output of clicks");
    drop(browser);
    std::fs::remove_dir_all(&root).unwrap();
}
