//! A small W3C WebDriver client for the end-to-end tests: it starts chromedriver and a
//! headless Chromium with a fresh profile, serves `dist/` on loopback, and finds elements the
//! way a user does — by role and accessible name. Dropping the `Browser` closes the session
//! and stops chromedriver on every path, panics included.

use serde_json::{json, Value};
use std::cell::RefCell;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a test waits for the page to show what it expects before failing.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// The built page: `$SHARDLAB_DIST`, or the workspace's `dist/`.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("SHARDLAB_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dist"));
    assert!(
        dir.join("index.html").exists(),
        "no built page in {}: run `cargo xtask dist` (or `cargo xtask test`) first",
        dir.display()
    );
    dir
}

/// Serves `dist/` on a free loopback port; returns the page's URL.
pub fn serve_dist() -> String {
    devserve::Server::bind(dist_dir(), "127.0.0.1:0").expect("bind a loopback port").spawn()
}

/// A course site for the embed tests: a fresh folder with `dist/` copied into `lab/`, served on
/// loopback. Returns the folder (to write course pages into) and the site's URL.
pub fn course_site(name: &str) -> (PathBuf, String) {
    let root = std::env::temp_dir().join(format!("shardlab-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("lab")).expect("create the course folder");
    for entry in std::fs::read_dir(dist_dir()).expect("read dist/").flatten() {
        std::fs::copy(entry.path(), root.join("lab").join(entry.file_name())).expect("copy dist/");
    }
    let url = devserve::Server::bind(&root, "127.0.0.1:0").expect("bind a loopback port").spawn();
    (root, url)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// One HTTP/1.1 request with a JSON body, answered with JSON (chromedriver's protocol).
fn http(method: &str, url: &str, body: Option<&Value>) -> std::io::Result<Value> {
    let rest = url.strip_prefix("http://").expect("http URL");
    let (host, path) = rest.split_once('/').map(|(h, p)| (h, format!("/{p}"))).unwrap_or((rest, "/".into()));
    let mut stream = TcpStream::connect(host)?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    let payload = body.map(|b| b.to_string()).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{payload}",
        payload.len()
    )?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let (mut length, mut chunked) = (None, false);
    loop {
        line.clear();
        if reader.read_line(&mut line)? <= 2 {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse::<usize>().ok();
        }
        if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
            chunked = true;
        }
    }
    let mut raw = Vec::new();
    if chunked {
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            let size = usize::from_str_radix(line.trim(), 16).unwrap_or(0);
            if size == 0 {
                break;
            }
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk)?;
            raw.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(n) = length {
        raw.resize(n, 0);
        reader.read_exact(&mut raw)?;
    } else {
        reader.read_to_end(&mut raw)?;
    }
    Ok(serde_json::from_slice(&raw).unwrap_or(Value::Null))
}

/// A WebDriver element reference.
#[derive(Clone, Debug)]
pub struct Element(String);

impl Element {
    /// The WebDriver id, for passing the element to `Browser::execute`.
    pub fn id(&self) -> &str {
        &self.0
    }
}

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// For the screenshot examples: the output folder (the first argument, or
/// `target/screenshots`), and a browser on the built page with nothing saved.
pub fn screenshot_session() -> (PathBuf, Browser) {
    let out = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "target/screenshots".into()));
    std::fs::create_dir_all(&out).expect("create the output folder");
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.execute("localStorage.clear();", vec![]);
    browser.refresh();
    (out, browser)
}

pub struct Browser {
    driver: Child,
    base: String,
    profile: PathBuf,
    /// Console errors the test causes on purpose (a broken link, a module that fails to load).
    expected_errors: RefCell<Vec<String>>,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium with a fresh, empty profile.
    pub fn start() -> Browser {
        Browser::start_with(None)
    }

    /// A phone: Chromium's mobile emulation of a 390 × 844 screen (3 device pixels a CSS
    /// pixel) that takes touch input, for `tap` and `pinch`.
    pub fn start_phone() -> Browser {
        Browser::start_with(Some(json!({
            "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 3.0, "touch": true, "mobile": true },
            "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36",
        })))
    }

    fn start_with(mobile: Option<Value>) -> Browser {
        let port = free_port();
        let driver = Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()))
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver runs (cargo xtask test installs Debian's chromium-driver)");
        let server = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while http("GET", &format!("{server}/status"), None).map(|v| v["value"]["ready"] != true).unwrap_or(true) {
            assert!(started.elapsed() < PATIENCE, "chromedriver did not become ready");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = std::env::temp_dir().join(format!("shardlab-e2e-{}-{port}", std::process::id()));
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,800",
            "--lang=en-US",
        ];
        let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let mut chrome = json!({ "binary": chromium_binary(), "args": args });
        if let Some(mobile) = &mobile {
            chrome["mobileEmulation"] = mobile.clone();
        }
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": chrome,
            // The page's console, read back when the test ends: any error fails the test.
            "goog:loggingPrefs": { "browser": "ALL" },
        }}});
        // Build the Browser first so that a failure below still stops chromedriver.
        let mut browser = Browser { driver, base: String::new(), profile, expected_errors: RefCell::default() };
        let answer = http("POST", &format!("{server}/session"), Some(&caps)).expect("chromedriver answers");
        let id = answer["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no WebDriver session: {answer}"));
        browser.base = format!("{server}/session/{id}");
        // The design's reference size; headless Chromium's own default is smaller. (A phone's
        // screen is its emulated one.)
        if mobile.is_none() {
            browser.call("POST", "/window/rect", Some(json!({ "width": 1280, "height": 900 })));
        }
        browser
    }

    /// Resizes the window (the page is checked at 1280 and 390 px wide).
    pub fn set_window(&self, width: u32, height: u32) {
        self.call("POST", "/window/rect", Some(json!({ "width": width, "height": height })));
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_call(method, path, body).unwrap_or_else(|e| panic!("{e}"))
    }

    /// A WebDriver call, or its error (an element the page has just redrawn is stale).
    fn try_call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let answer = http(method, &format!("{}{path}", self.base), body.as_ref()).expect("chromedriver answers");
        match answer["value"]["error"].as_str() {
            Some(error) => Err(format!("WebDriver {method} {path}: {error}: {}", answer["value"]["message"])),
            None => Ok(answer["value"].clone()),
        }
    }

    pub fn goto(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    pub fn refresh(&self) {
        self.call("POST", "/refresh", Some(json!({})));
    }

    pub fn title(&self) -> String {
        self.call("GET", "/title", None).as_str().unwrap_or_default().to_string()
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns its result.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.call("POST", "/execute/sync", Some(json!({ "script": script, "args": args })))
    }

    /// Runs `script`, which ends by calling its last argument with the result, and returns it.
    pub fn execute_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.call("POST", "/execute/async", Some(json!({ "script": script, "args": args })))
    }

    /// Presses `keys` (WebDriver key codes: "\u{E007}" is Enter, "\u{E004}" Tab) on whatever
    /// has the focus, as a keyboard does: key events only, no pointer.
    pub fn press(&self, keys: &str) {
        let mut actions = Vec::new();
        for key in keys.chars() {
            actions.push(json!({ "type": "keyDown", "value": key.to_string() }));
            actions.push(json!({ "type": "keyUp", "value": key.to_string() }));
        }
        let body = json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] });
        self.call("POST", "/actions", Some(body));
    }

    /// Presses `key` while `modifier` (`CONTROL`, `SHIFT`) is held, as Ctrl+Z is pressed.
    pub fn press_chord(&self, modifier: &str, key: &str) {
        let actions = json!([
            { "type": "keyDown", "value": modifier }, { "type": "keyDown", "value": key },
            { "type": "keyUp", "value": key }, { "type": "keyUp", "value": modifier },
        ]);
        let body = json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] });
        self.call("POST", "/actions", Some(body));
    }

    /// The DOM value of a form field now (what it shows, typed or set by the page).
    pub fn field_value(&self, el: &Element) -> String {
        self.execute("return arguments[0].value;", vec![json!({ ELEMENT_KEY: el.0 })])
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The focused element's accessible name, as a screen reader announces it.
    pub fn focused_name(&self) -> String {
        let active = self.call("GET", "/element/active", None);
        active[ELEMENT_KEY].as_str().map(|id| self.name(&Element(id.to_string()))).unwrap_or_default()
    }

    /// Presses Tab (Shift+Tab when `back`) until the focused element's accessible name is
    /// `name`, as a keyboard user walks the page; fails after `limit` presses.
    pub fn tab_to(&self, name: &str, back: bool, limit: usize) {
        for _ in 0..limit {
            if self.focused_name() == name {
                return;
            }
            if back {
                let body = json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": [
                    { "type": "keyDown", "value": SHIFT }, { "type": "keyDown", "value": TAB },
                    { "type": "keyUp", "value": TAB }, { "type": "keyUp", "value": SHIFT }] }] });
                self.call("POST", "/actions", Some(body));
            } else {
                self.press(TAB);
            }
        }
        let shot = self.screenshot_to_temp();
        panic!(
            "{limit} presses of Tab never reached '{name}' (last: '{}'); screenshot in {}",
            self.focused_name(),
            shot.display()
        );
    }

    /// axe-core's serious and critical findings on the page as it is now, one line each
    /// (rule, element, what is wrong). Runs the WCAG 2.x A and AA rules and the name rule
    /// `label-content-name-mismatch`, which axe ships as experimental.
    pub fn axe_serious(&self) -> Vec<String> {
        let script = std::fs::read_to_string(axe_script()).expect("read axe.min.js (cargo xtask test installs it)");
        self.execute(&format!("{script}; return typeof axe;"), vec![]);
        let result = self.execute_async(
            r#"const done = arguments[arguments.length - 1];
             axe.run(document, {
                 runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
                 rules: { 'label-content-name-mismatch': { enabled: true } },
                 resultTypes: ['violations'],
             }).then(r => done(r.violations
                 .filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .flatMap(v => v.nodes.map(n => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`))),
                     e => done([`axe failed: ${e}`]));"#,
            vec![],
        );
        result.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default()
    }

    /// The Learn panel's text as the learner sees it, or nothing while it is not open.
    pub fn learn_panel_text(&self) -> String {
        let text = self.execute("return document.querySelector('.learn-panel')?.innerText ?? ''", vec![]);
        text.as_str().unwrap_or_default().to_string()
    }

    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let found = self.call("POST", "/elements", Some(json!({ "using": "css selector", "value": css })));
        found
            .as_array()
            .map(|list| list.iter().filter_map(|e| e[ELEMENT_KEY].as_str()).map(|id| Element(id.to_string())).collect())
            .unwrap_or_default()
    }

    pub fn role(&self, el: &Element) -> String {
        self.call("GET", &format!("/element/{}/computedrole", el.0), None).as_str().unwrap_or_default().to_string()
    }

    /// The element's accessible name, as the browser computes it for assistive technology.
    pub fn name(&self, el: &Element) -> String {
        self.call("GET", &format!("/element/{}/computedlabel", el.0), None).as_str().unwrap_or_default().to_string()
    }

    pub fn text(&self, el: &Element) -> String {
        self.call("GET", &format!("/element/{}/text", el.0), None).as_str().unwrap_or_default().to_string()
    }

    pub fn attribute(&self, el: &Element, name: &str) -> Option<String> {
        self.call("GET", &format!("/element/{}/attribute/{name}", el.0), None).as_str().map(str::to_string)
    }

    pub fn click(&self, el: &Element) {
        self.call("POST", &format!("/element/{}/click", el.0), Some(json!({})));
    }

    /// A finger's tap on the middle of `el` (scrolled into view first), as a phone sends it:
    /// touch pointer events, then the click the browser makes of them.
    pub fn tap(&self, el: &Element) {
        let (x, y) = self.centre_of(el);
        self.tap_at(x, y);
    }

    /// A finger's tap at (x, y) of the viewport: on whatever is drawn there.
    pub fn tap_at(&self, x: i64, y: i64) {
        self.touch(vec![vec![
            json!({ "type": "pointerMove", "x": x, "y": y, "origin": "viewport" }),
            json!({ "type": "pointerDown", "button": 0 }),
            json!({ "type": "pause", "duration": 60 }),
            json!({ "type": "pointerUp", "button": 0 }),
        ]]);
    }

    /// Two fingers `from` apart, centred on `el`, moved to `to` apart (a spread when `to` is
    /// larger): the pinch a phone's user zooms with.
    pub fn pinch(&self, el: &Element, from: f64, to: f64) {
        let (x, y) = self.centre_of(el);
        let x = x as f64;
        let finger = |side: f64| {
            let mut moves = vec![
                json!({ "type": "pointerMove", "x": (x + side * from / 2.0).round() as i64, "y": y, "origin": "viewport" }),
                json!({ "type": "pointerDown", "button": 0 }),
            ];
            for step in 1..=5 {
                let gap = from + (to - from) * step as f64 / 5.0;
                moves.push(json!({ "type": "pointerMove", "duration": 40, "origin": "viewport",
                                   "x": (x + side * gap / 2.0).round() as i64, "y": y }));
            }
            moves.push(json!({ "type": "pointerUp", "button": 0 }));
            moves
        };
        self.touch(vec![finger(-1.0), finger(1.0)]);
    }

    /// One finger from the middle of `el`, moved by (dx, dy) and lifted.
    pub fn swipe(&self, el: &Element, dx: i64, dy: i64) {
        let (x, y) = self.centre_of(el);
        let mut moves = vec![
            json!({ "type": "pointerMove", "x": x, "y": y, "origin": "viewport" }),
            json!({ "type": "pointerDown", "button": 0 }),
        ];
        for step in 1..=5 {
            moves.push(json!({ "type": "pointerMove", "duration": 40, "origin": "viewport",
                               "x": x + dx * step / 5, "y": y + dy * step / 5 }));
        }
        moves.push(json!({ "type": "pointerUp", "button": 0 }));
        self.touch(vec![moves]);
    }

    /// Where the middle of `el` is on the screen, after scrolling it into view.
    fn centre_of(&self, el: &Element) -> (i64, i64) {
        let script = "const r = arguments[0]; r.scrollIntoView({block: 'center', inline: 'center'}); \
                      const b = r.getBoundingClientRect(); return [Math.round(b.x + b.width / 2), Math.round(b.y + b.height / 2)];";
        let at = self.execute(script, vec![json!({ ELEMENT_KEY: el.0 })]);
        (at[0].as_i64().unwrap_or_default(), at[1].as_i64().unwrap_or_default())
    }

    /// WebDriver's Perform Actions with one touch pointer per list of moves.
    fn touch(&self, fingers: Vec<Vec<Value>>) {
        let sources: Vec<Value> = fingers
            .into_iter()
            .enumerate()
            .map(|(i, actions)| {
                json!({ "type": "pointer", "id": format!("finger{i}"),
                                        "parameters": { "pointerType": "touch" }, "actions": actions })
            })
            .collect();
        self.call("POST", "/actions", Some(json!({ "actions": sources })));
        self.call("DELETE", "/actions", None);
    }

    pub fn type_text(&self, el: &Element, text: &str) {
        self.call("POST", &format!("/element/{}/value", el.0), Some(json!({ "text": text })));
    }

    /// Picks the `<option>` whose visible text is `label` in the select `el`.
    pub fn select_option(&self, el: &Element, label: &str) {
        let script = "const [s, label] = arguments; const o = [...s.options].find(o => o.text === label);
                      if (!o) return false; s.value = o.value; s.dispatchEvent(new Event('change', {bubbles: true})); return true;";
        let found = self.execute(script, vec![json!({ ELEMENT_KEY: el.0 }), json!(label)]);
        assert_eq!(found, json!(true), "no option '{label}'");
    }

    /// Looks into the `index`th iframe of the page (WebDriver's Switch To Frame).
    pub fn enter_frame(&self, index: u32) {
        self.call("POST", "/frame", Some(json!({ "id": index })));
    }

    /// Back to the page itself from a frame.
    pub fn leave_frames(&self) {
        self.call("POST", "/frame", Some(json!({ "id": null })));
    }

    /// Chooses `item` (a prepared scenario's title, an export) in the Scenario menu, in English.
    pub fn choose_in_scenario_menu(&self, item: &str) {
        self.click(&self.by_role("button", "Scenario ▾"));
        // The first visit's welcome offers the prepared scenarios too: the menu's own button.
        let in_menu = |el: &Element| {
            self.execute("return arguments[0].closest('.scenario-menu') !== null;", vec![json!({ ELEMENT_KEY: el.0 })])
                == json!(true)
        };
        let button = self.wait_for(&format!("'{item}' in the Scenario menu"), || {
            let mut found: Vec<Element> = self.all_by_role("button", item).into_iter().filter(in_menu).collect();
            (found.len() == 1).then(|| found.remove(0))
        });
        self.click(&button);
    }

    /// Waits until the inspector's text holds `text`.
    pub fn wait_for_inspector(&self, text: &str) {
        self.wait_for(&format!("'{text}' in the inspector"), || {
            self.text(&self.by_role("complementary", "Inspector")).contains(text).then_some(())
        });
    }

    /// Places a component from the palette, as a click on "Place KIND" does.
    pub fn place(&self, kind: &str) {
        self.click(&self.by_role("button", &format!("Place {kind}")));
    }

    /// A producer into a delivery stream that delivers to a bucket through a Lambda transform
    /// (Direct PUT, the transform wired), as the Firehose tests start.
    pub fn firehose_with_transform(&self) {
        for kind in ["Producer", "Firehose delivery stream", "Lambda transform", "S3 bucket"] {
            self.place(kind);
        }
        self.wire("producer", "firehose");
        self.wire("firehose", "bucket");
        self.wire("firehose", "transform");
    }

    /// Draws a wire from `from`'s output port to `to`'s input port.
    pub fn wire(&self, from: &str, to: &str) {
        self.click(&self.by_role("button", &format!("Output of {from}")));
        self.click(&self.by_role("button", &format!("Input of {to}")));
    }

    /// Sets the inspector's numeric field `label` and applies it (its change event).
    pub fn set_number(&self, label: &str, value: &str) {
        let field = self.by_role("spinbutton", label);
        let script = "const [el, v] = arguments; el.value = v; el.dispatchEvent(new Event('change', {bubbles: true}));";
        self.execute(script, vec![json!({ ELEMENT_KEY: field.0 }), json!(value)]);
    }

    /// Elements that a screen reader would announce as `role` named `name`, now. An element
    /// the page replaced while it was read (a running inspector redraws) is skipped: it is
    /// gone, and its replacement is found on the next look.
    pub fn all_by_role(&self, role: &str, name: &str) -> Vec<Element> {
        // Chromium reports role="img" as "image".
        let same_role = |found: &str| found == role || (role == "img" && found == "image");
        let read = |el: &Element, what: &str| {
            self.try_call("GET", &format!("/element/{}/{what}", el.0), None)
                .map(|v| v.as_str().unwrap_or_default().to_string())
        };
        let mut found = Vec::new();
        for el in self.find_all(css_for_role(role)) {
            if let (Ok(r), Ok(n)) = (read(&el, "computedrole"), read(&el, "computedlabel")) {
                if same_role(&r) && n == name {
                    found.push(el);
                }
            }
        }
        found
    }

    /// Waits for exactly one element with `role` and accessible `name`.
    pub fn by_role(&self, role: &str, name: &str) -> Element {
        self.wait_for(&format!("a {role} named '{name}'"), || {
            let mut found = self.all_by_role(role, name);
            (found.len() == 1).then(|| found.remove(0))
        })
    }

    /// Polls `check` until it gives a value, failing after `PATIENCE` with `what` in the message.
    pub fn wait_for<T>(&self, what: &str, mut check: impl FnMut() -> Option<T>) -> T {
        let started = Instant::now();
        loop {
            if let Some(v) = check() {
                return v;
            }
            if started.elapsed() > PATIENCE {
                let shot = self.screenshot_to_temp();
                panic!("waited {PATIENCE:?} for {what}; screenshot in {}", shot.display());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Says that the test makes the page log an error holding `fragment` on purpose.
    pub fn expect_console_error(&self, fragment: &str) {
        self.expected_errors.borrow_mut().push(fragment.to_string());
    }

    /// The page's console errors since the last look (Chromium's SEVERE entries: console.error,
    /// uncaught exceptions, failed loads, browser interventions).
    pub fn console_errors(&self) -> Vec<String> {
        let log = self.try_call("POST", "/se/log", Some(json!({ "type": "browser" }))).unwrap_or_default();
        log.as_array()
            .into_iter()
            .flatten()
            .filter(|entry| entry["level"] == "SEVERE")
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    fn unexpected_console_errors(&self) -> Vec<String> {
        let expected = self.expected_errors.borrow();
        self.console_errors().into_iter().filter(|e| !expected.iter().any(|x| e.contains(x.as_str()))).collect()
    }

    pub fn screenshot(&self, path: &Path) {
        use base64::Engine;
        let data = self.call("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().unwrap_or_default())
            .expect("a screenshot is base64");
        std::fs::write(path, png).expect("write screenshot");
    }

    fn screenshot_to_temp(&self) -> PathBuf {
        let path = std::env::temp_dir().join(format!("shardlab-e2e-failure-{}.png", std::process::id()));
        self.screenshot(&path);
        path
    }
}

impl Drop for Browser {
    /// Ends the session and fails the test if the page logged an error it did not expect.
    fn drop(&mut self) {
        let unexpected = if self.base.is_empty() || std::thread::panicking() {
            Vec::new()
        } else {
            self.unexpected_console_errors()
        };
        if !self.base.is_empty() {
            let _ = http("DELETE", &self.base, None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
        assert!(unexpected.is_empty(), "the page logged errors:\n{}", unexpected.join("\n"));
    }
}

/// WebDriver's key codes.
pub const ENTER: &str = "\u{E007}";
pub const TAB: &str = "\u{E004}";
pub const SHIFT: &str = "\u{E008}";
pub const CONTROL: &str = "\u{E009}";
pub const BACKSPACE: &str = "\u{E003}";
pub const END: &str = "\u{E010}";
pub const ESCAPE: &str = "\u{E00C}";
pub const ARROW_DOWN: &str = "\u{E015}";
pub const ARROW_UP: &str = "\u{E013}";
pub const SPACE: &str = " ";

/// axe-core's script: `$SHARDLAB_AXE`, or where `cargo xtask test` installs it.
fn axe_script() -> PathBuf {
    std::env::var_os("SHARDLAB_AXE").map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.tools/axe-core/node_modules/axe-core/axe.min.js")
    })
}

fn chromium_binary() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

/// Elements that can carry `role`, natively or through a `role` attribute.
fn css_for_role(role: &str) -> &'static str {
    match role {
        "button" => "button, [role=button], input[type=button], input[type=submit]",
        "combobox" => "select, [role=combobox], input[list]",
        "textbox" => "input:not([type]), input[type=text], textarea, [role=textbox]",
        "spinbutton" => "input[type=number], [role=spinbutton]",
        "checkbox" => "input[type=checkbox], [role=checkbox]",
        "slider" => "input[type=range], [role=slider]",
        "tab" => "[role=tab]",
        "tabpanel" => "[role=tabpanel]",
        "navigation" => "nav, [role=navigation]",
        "region" => "section, [role=region]",
        "alert" => "[role=alert]",
        "timer" => "[role=timer]",
        "log" => "[role=log]",
        "heading" => "h1, h2, h3, h4, [role=heading]",
        "main" => "main, [role=main]",
        "complementary" => "aside, [role=complementary]",
        "banner" => "header, [role=banner]",
        "link" => "a[href], [role=link]",
        "img" => "img, [role=img]",
        _ => "[role]",
    }
}
