//! A whole day at 3,600×: the retention lesson run past its stream's 24 hours, in a tab held to
//! 512 MB by the memory guard. The records of the first hour expire, and the canvas shows them
//! fading in their shard's lane.

use shardlab_e2e::{serve_dist, Browser};
use std::time::{Duration, Instant};

const HOUR_US: u64 = 3_600_000_000;

/// How long the run may take: 25 virtual hours are 25 s at 3,600×; a slower machine shows the
/// speed it achieves, and is given that much more time.
const RUN_LIMIT: Duration = Duration::from_secs(300);

fn micros(browser: &Browser) -> u64 {
    let clock = browser.by_role("timer", "Virtual clock");
    browser.attribute(&clock, "data-micros").and_then(|m| m.parse().ok()).expect("the clock's micros")
}

#[test]
fn the_retention_lesson_runs_25_virtual_hours_at_3600x_and_the_first_hours_expire_on_the_canvas() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&format!("{url}?memory-budget-mb=512"));
    browser.click(&browser.by_role("button", "Learn"));
    browser.click(&browser.by_role("button", "Retention and replay"));
    browser.click(&browser.by_role("button", "Open the lesson's scenario"));
    browser.press("\u{E00C}");
    let play = browser.by_role("button", "Play");
    browser.by_role("button", "Data stream orders");
    let records = browser.find_all(".canvas-records").pop().expect("the records layer");
    let fading = || browser.attribute(&records, "data-fading").and_then(|n| n.parse::<u64>().ok()).unwrap_or(0);

    browser.select_option(&browser.by_role("combobox", "Speed"), "3,600×");
    browser.click(&play);
    let started = Instant::now();
    let (mut faded_early, mut faded_late) = (0, 0);
    loop {
        let (now, fading) = (micros(&browser), fading());
        if now < 24 * HOUR_US {
            faded_early += fading;
        } else {
            faded_late += fading;
        }
        if now >= 25 * HOUR_US {
            break;
        }
        let achieved = browser.find_all(".achieved").pop().map(|a| browser.text(&a));
        assert!(
            started.elapsed() < RUN_LIMIT,
            "25 virtual hours took over {RUN_LIMIT:?} (clock at {} h, speed shown: {achieved:?})",
            now / HOUR_US
        );
        let notice = browser.find_all(".notice").pop().map(|n| browser.text(&n)).unwrap_or_default();
        assert!(!notice.contains("paused"), "the memory guard stopped the run: {notice}");
        std::thread::sleep(Duration::from_millis(100));
    }
    browser.click(&play);
    assert_eq!(faded_early, 0, "nothing expires before the 24 hours of retention");
    assert!(faded_late > 0, "expired records fade on the canvas after 24 hours");

    // At 50 records a second the shard holds the last 24 hours' 4,320,000 orders, as its
    // lane on the canvas says, and the ledger (the inspector, with nothing selected) counts
    // the first hour's 180,000 (and more) expired.
    let lane = browser.find_all("g.lane[data-shard] text").pop().expect("the shard's lane");
    let lane = browser.text(&lane);
    let held: u64 = lane.split(" · ").nth(1).and_then(|t| t.split(' ').next()?.parse().ok()).expect(&lane);
    assert!((24 * 3_600 * 50 * 99 / 100..=24 * 3_600 * 50 * 101 / 100).contains(&held), "24 h held: {lane}");
    // A press on the canvas's empty ground selects nothing.
    browser.execute(
        "document.querySelector('.canvas-bg').dispatchEvent(new PointerEvent('pointerdown', { button: 0, bubbles: true }));",
        vec![],
    );
    browser.wait_for("the ledger in the inspector", || (!browser.find_all(".ledger-places").is_empty()).then_some(()));
    let place = browser.execute(
        "const places = [...document.querySelectorAll('.ledger-places dt')];
         const expired = places.find(dt => dt.textContent.startsWith('Expired from a shard'));
         return expired ? expired.nextElementSibling.textContent : '';",
        vec![],
    );
    let expired: u64 = place
        .as_str()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(0);
    assert!(expired >= 3_600 * 50 * 99 / 100, "the first hour expired: {expired} in the ledger ({place})");
}
