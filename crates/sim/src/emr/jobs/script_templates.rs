//! The script jobs' templates: one for each built-in job (each tested, in `script.rs`, to
//! write exactly what its built-in job writes on its sample dataset) and two of our own.
//! Each is a whole script a learner starts from, so helpers such as `micros` are repeated
//! in the templates that need them rather than shared.

/// Templates for the script editor: each built-in job's logic written as a script.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "wordcount",
        r#"// Hadoop's WordCount: each word of a line counts 1; the reducer adds them up.
fn mapper(line, file) {
    line.split(" ").filter(|w| w != "").map(|w| [w, 1])
}

fn combiner(key, values) {
    [values.reduce(|sum, v| sum + parse_int(v), 0)]
}

fn reducer(key, values) {
    values.reduce(|sum, v| sum + parse_int(v), 0)
}
"#,
    ),
    (
        "pageviews-per-hour",
        r#"// Page views per hour (UTC), from web server access logs — a GET answered 2xx, at the hour
// of its [10/Oct/2000:13:55:36 -0700] timestamp — or from clickstream JSON: a record with a
// "page" whose "action", if any, is "view", at the hour of its "timestamp" (ISO 8601 UTC or
// epoch seconds) or else of the YYYY/MM/DD/HH/ prefix Firehose wrote the object under.

// A whole number, or () when the text is not one.
fn num(s) {
    if s == "" { return (); }
    for c in s.chars() { if c < '0' || c > '9' { return (); } }
    parse_int(s)
}

// Days since 1970-01-01 of a civil date.
fn days(y, m, d) {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468
}

// "2026-11-30T13:00": the hour of epoch seconds t.
fn hour_key(t) {
    let z = t / 86400 + 719468;
    let era = z / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    let h = (t % 86400) / 3600;
    let two = |n| if n < 10 { `0${n}` } else { `${n}` };
    `${y}-${two.call(m)}-${two.call(d)}T${two.call(h)}:00`
}

fn access_log_view(line) {
    let open = line.index_of('[');
    if open < 0 { return (); }
    let close = line.index_of(']');
    if close < open { return (); }
    // 10/Oct/2000:13:55:36 -0700
    let stamp = line.sub_string(open + 1, close - open - 1).split(" ");
    if stamp.len() != 2 { return (); }
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let dmy = stamp[0].split("/");
    if dmy.len() != 3 { return (); }
    let month = months.index_of(dmy[1]) + 1;
    let ymd = dmy[2].split(":");
    if month == 0 || ymd.len() != 4 { return (); }
    let parts = [num(dmy[0]), num(ymd[0]), num(ymd[1]), num(ymd[2]), num(ymd[3])];
    if parts.contains(()) { return (); }
    let zone = stamp[1];
    if zone.len() != 5 { return (); }
    let zh = num(zone.sub_string(1, 2));
    let zm = num(zone.sub_string(3, 2));
    if zh == () || zm == () || !(zone.starts_with("-") || zone.starts_with("+")) { return (); }
    let sign = if zone.starts_with("-") { -1 } else { 1 };
    let offset = (zh * 3600 + zm * 60) * sign;
    let t = days(parts[1], month, parts[0]) * 86400 + parts[2] * 3600 + parts[3] * 60 + parts[4] - offset;
    // "GET /x HTTP/1.1" 200 …
    let rest = line.sub_string(close + 1).split("\"");
    if rest.len() < 3 { return (); }
    let words = rest[2].split(" ").filter(|w| w != "");
    let status = if words.len() > 0 { num(words[0]) } else { () };
    if rest[1].starts_with("GET ") && status != () && status >= 200 && status < 300 { t } else { () }
}

fn iso_time(text) {
    if !text.ends_with("Z") { return (); }
    let dt = text.sub_string(0, text.len() - 1).split("T");
    if dt.len() != 2 { return (); }
    let d = dt[0].split("-");
    let hms = dt[1].split(":");
    if d.len() != 3 || hms.len() < 2 { return (); }
    let sec = if hms.len() > 2 { num(hms[2].split(".")[0]) } else { 0 };
    let parts = [num(d[0]), num(d[1]), num(d[2]), num(hms[0]), num(hms[1]), sec];
    if parts.contains(()) { return (); }
    days(parts[0], parts[1], parts[2]) * 86400 + parts[3] * 3600 + parts[4] * 60 + parts[5]
}

// The hour of a Firehose prefix …/2026/11/30/13/… in the object's path.
fn prefix_time(path) {
    let p = path.split("/");
    for i in 0..(p.len() - 3) {
        if p[i].len() == 4 && p[i + 1].len() == 2 && p[i + 2].len() == 2 && p[i + 3].len() == 2 {
            let n = [num(p[i]), num(p[i + 1]), num(p[i + 2]), num(p[i + 3])];
            if !n.contains(()) { return days(n[0], n[1], n[2]) * 86400 + n[3] * 3600; }
        }
    }
    ()
}

fn clickstream_view(line, file) {
    let v = parse_json(line);
    if type_of(v) != "map" || type_of(v.page) != "string" { return (); }
    if v.action != () && v.action != "view" { return (); }
    let ts = v.timestamp;
    if type_of(ts) == "string" { iso_time(ts) }
    else if type_of(ts) == "i64" { ts }
    else if type_of(ts) == "f64" { ts.to_int() }
    else { prefix_time(file) }
}

fn mapper(line, file) {
    let l = line;
    l.trim();
    let t = if l.starts_with("{") { clickstream_view(l, file) } else { access_log_view(l) };
    if t == () || t < 0 { [] } else { [[hour_key(t), 1]] }
}

fn combiner(key, values) {
    [values.reduce(|sum, v| sum + parse_int(v), 0)]
}

fn reducer(key, values) {
    values.reduce(|sum, v| sum + parse_int(v), 0)
}
"#,
    ),
    (
        "log-levels",
        r#"// Lines per log level: the first word that is a level ([ERROR] or ERROR) counts 1.
fn mapper(line, file) {
    let levels = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];
    for w in line.split(" ") {
        let word = w;
        if word.starts_with("[") { word = word.sub_string(1); }
        if word.ends_with("]") { word = word.sub_string(0, word.len() - 1); }
        if levels.contains(word) { return [[word, 1]]; }
    }
    []
}

fn combiner(key, values) {
    [values.reduce(|sum, v| sum + parse_int(v), 0)]
}

fn reducer(key, values) {
    values.reduce(|sum, v| sum + parse_int(v), 0)
}
"#,
    ),
    (
        "inverted-index",
        r#"// For each word (lower case, split on anything not a letter or digit), the files it is in.
// (Letters and digits here are ASCII ones.)
fn mapper(line, file) {
    let name = file.split("/").pop();
    let pairs = [];
    let word = "";
    for c in (line.to_lower() + " ").chars() {
        if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
            word += c;
        } else if word != "" {
            pairs.push([word, name]);
            word = "";
        }
    }
    pairs
}

fn combiner(key, values) {
    let seen = [];
    for v in values { if !seen.contains(v) { seen.push(v); } }
    seen
}

fn reducer(key, values) {
    let seen = [];
    for v in values { if !seen.contains(v) { seen.push(v); } }
    seen.sort();
    seen.reduce(|all, v| if all == "" { v } else { all + "," + v }, "")
}
"#,
    ),
    (
        "top-n",
        r#"// For each key, its three largest values, from CSV lines "key,value" or "time,key,…,value".
fn key_and_value(line) {
    // trim() trims a string in place.
    let fields = line.split(",").map(|f| { let t = f; t.trim(); t });
    if fields.len() < 2 { return (); }
    let key = if fields.len() == 2 { fields[0] } else { fields[1] };
    let value = fields[fields.len() - 1];
    if key == "" || value == "" { return (); }
    [key, value]
}

// "21.4" → 21400000: a decimal in millionths, read exactly (no floating point).
fn micros(v) {
    let neg = v.starts_with("-");
    let t = if neg { v.sub_string(1) } else { v };
    let parts = t.split(".");
    let whole = if parts[0] == "" { 0 } else { parse_int(parts[0]) };
    let frac = 0;
    if parts.len() > 1 {
        let f = parts[1];
        while f.len() < 6 { f += "0"; }
        frac = parse_int(f.sub_string(0, 6));
    }
    let m = whole * 1000000 + frac;
    if neg { -m } else { m }
}

// Largest first; equal values by their text.
fn top3(values) {
    let rest = values;
    let top = [];
    while top.len() < 3 && rest.len() > 0 {
        let best = 0;
        for i in 1..rest.len() {
            let x = micros(rest[i]); let y = micros(rest[best]);
            if x > y || (x == y && rest[i] < rest[best]) { best = i; }
        }
        top.push(rest.remove(best));
    }
    top
}

fn mapper(line, file) {
    let kv = key_and_value(line);
    if kv == () { [] } else { [kv] }
}

fn combiner(key, values) { top3(values) }

fn reducer(key, values) {
    top3(values).reduce(|all, v| if all == "" { v } else { all + "," + v }, "")
}
"#,
    ),
    (
        "average-by-key",
        r#"// For each key, the average of its values to two decimals (halves away from zero), from
// CSV lines "key,value" or "time,key,…,value". Sums are kept in millionths, exactly.
fn key_and_value(line) {
    // trim() trims a string in place.
    let fields = line.split(",").map(|f| { let t = f; t.trim(); t });
    if fields.len() < 2 { return (); }
    let key = if fields.len() == 2 { fields[0] } else { fields[1] };
    let value = fields[fields.len() - 1];
    if key == "" || value == "" { return (); }
    [key, value]
}

// "21.4" → 21400000: a decimal in millionths, read exactly (no floating point).
fn micros(v) {
    let neg = v.starts_with("-");
    let t = if neg { v.sub_string(1) } else { v };
    let parts = t.split(".");
    let whole = if parts[0] == "" { 0 } else { parse_int(parts[0]) };
    let frac = 0;
    if parts.len() > 1 {
        let f = parts[1];
        while f.len() < 6 { f += "0"; }
        frac = parse_int(f.sub_string(0, 6));
    }
    let m = whole * 1000000 + frac;
    if neg { -m } else { m }
}

fn mapper(line, file) {
    let kv = key_and_value(line);
    if kv == () { [] } else { [[kv[0], `${micros(kv[1])},1`]] }
}

// "sum,count" pairs, added up.
fn totals(values) {
    let sum = 0; let count = 0;
    for v in values {
        let parts = v.split(",");
        sum += parse_int(parts[0]); count += parse_int(parts[1]);
    }
    [sum, count]
}

fn combiner(key, values) {
    let t = totals(values);
    [`${t[0]},${t[1]}`]
}

fn reducer(key, values) {
    let t = totals(values);
    let d = t[1] * 10000;
    let n = t[0];
    let h = if n >= 0 { (2 * n + d) / (2 * d) } else { -((-2 * n + d) / (2 * d)) };
    let sign = if h < 0 { "-" } else { "" };
    let a = h.abs();
    let cents = a % 100;
    `${sign}${a / 100}.${if cents < 10 { "0" } else { "" }}${cents}`
}
"#,
    ),
    (
        "longest-word-per-letter",
        r#"// For each first letter, the longest word that starts with it.
fn mapper(line, file) {
    line.split(" ").filter(|w| w != "").map(|w| [w.sub_string(0, 1), w])
}

fn reducer(key, values) {
    values.reduce(|best, v| if v.len() > best.len() || (v.len() == best.len() && v < best) { v } else { best }, "")
}
"#,
    ),
    (
        "broken-endless-loop",
        r#"// A mapper that never returns: each attempt runs out of its operation budget and fails;
// after 4 attempts the step fails.
fn mapper(line, file) {
    let n = 0;
    loop { n += 1; }
}

fn reducer(key, values) { values.len() }
"#,
    ),
];
