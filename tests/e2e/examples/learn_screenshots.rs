//! Screenshots of the Learn panel: a lesson's guided step beside its scenario, its graded
//! result (failed, then passed), the quiz, and an exam's review, in English and 繁體中文, at
//! 1280 and 390 px: `cargo xtask dist && cargo run -p shardlab-e2e --example learn_screenshots -- OUT_DIR`.

use shardlab_course::course;
use shardlab_course::quiz::{draw, EXAM_QUESTIONS};
use shardlab_e2e::{screenshot_session, Browser};
use std::time::Duration;

fn panel_has(browser: &Browser, text: &str) {
    browser.wait_for(text, || browser.learn_panel_text().contains(text).then_some(()));
}

fn main() {
    let (out, browser) = screenshot_session();
    browser.set_window(1280, 860);
    browser.click(&browser.by_role("button", "Learn"));
    browser.click(&browser.by_role("button", "The hot shard"));
    browser.click(&browser.by_role("button", "Open the lesson's scenario"));
    browser.click(&browser.by_role("button", "Next"));
    let speed = browser.by_role("combobox", "Speed");
    browser.select_option(&speed, "10×");
    browser.click(&browser.by_role("button", "Play"));
    std::thread::sleep(Duration::from_millis(2500));
    browser.screenshot(&out.join("learn-step-1280-en.png"));
    browser.click(&browser.by_role("button", "Start the challenge"));
    panel_has(&browser, "Not passed");
    browser.click(&browser.by_role("button", "Pause"));
    browser.screenshot(&out.join("learn-failed-1280-en.png"));
    browser.click(&browser.by_role("button", "繁體中文"));
    panel_has(&browser, "未通過");
    browser.screenshot(&out.join("learn-failed-1280-zh.png"));
    browser.click(&browser.by_role("button", "English"));
    // The fix: one random key per record (the third step points at the producer).
    browser.click(&browser.by_role("button", "Next"));
    let keys = browser.by_role("combobox", "Partition keys");
    browser.select_option(&keys, "Random");
    browser.select_option(&browser.by_role("combobox", "Speed"), "60×");
    browser.click(&browser.by_role("button", "Play"));
    std::thread::sleep(Duration::from_millis(1500));
    browser.click(&browser.by_role("button", "Try again"));
    panel_has(&browser, "Passed");
    browser.click(&browser.by_role("button", "Pause"));
    browser.screenshot(&out.join("learn-passed-1280-en.png"));

    browser.click(&browser.by_role("button", "Quiz"));
    browser.click(&browser.find_all(".learn-panel .choices input")[0]);
    browser.click(&browser.by_role("button", "Check"));
    std::thread::sleep(Duration::from_millis(300));
    browser.screenshot(&out.join("learn-quiz-1280-en.png"));

    browser.click(&browser.by_role("button", "Exam"));
    browser.execute("const s = document.querySelector('.exam-seed'); s.value = '2026';", vec![]);
    browser.click(&browser.by_role("button", "Start the exam"));
    let set = draw(2026, course().questions.len(), EXAM_QUESTIONS);
    for (n, &q) in set.iter().enumerate() {
        let q = &course().questions[q];
        let inputs = browser.find_all(".learn-panel .choices input");
        // Every third one missed, the others right.
        let picks: Vec<usize> = if n % 3 == 0 {
            vec![(0..inputs.len()).find(|i| !q.answers.contains(i)).unwrap()]
        } else {
            q.answers.clone()
        };
        for i in picks {
            browser.click(&inputs[i]);
        }
        if n + 1 < set.len() {
            browser.click(&browser.by_role("button", "Next"));
        }
    }
    browser.click(&browser.by_role("button", "Hand in"));
    panel_has(&browser, "Score:");
    browser.screenshot(&out.join("learn-exam-review-1280-en.png"));
    browser.click(&browser.by_role("button", "繁體中文"));
    panel_has(&browser, "答錯的題目");
    browser.execute("document.querySelector('.exam-review').scrollIntoView();", vec![]);
    browser.screenshot(&out.join("learn-exam-review-1280-zh.png"));
    browser.set_window(390, 844);
    std::thread::sleep(Duration::from_millis(500));
    browser.screenshot(&out.join("learn-exam-review-390-zh.png"));
    browser.click(&browser.by_role("button", "課程"));
    std::thread::sleep(Duration::from_millis(300));
    browser.screenshot(&out.join("learn-lessons-390-zh.png"));
}
