
import json
import time

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
UINT = re.compile(r"\+?[0-9]+")
INT = re.compile(r"[+-]?[0-9]+")


def uint(text):
    return int(text) if UINT.fullmatch(text) else None


def epoch_seconds(year, month, day, hour, minute, second):
    """Seconds since 1970 of a UTC time (days from civil, as the lab computes it)."""
    y = year - 1 if month <= 2 else year
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (month - 3 if month > 2 else month + 9) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return (era * 146097 + doe - 719468) * 86400 + hour * 3600 + minute * 60 + second


def hour_key(epoch):
    if epoch is None or epoch < 0:
        return None
    t = time.gmtime(epoch)
    return "%04d-%02d-%02dT%02d:00" % (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour)


def clf_time(text):
    """`10/Oct/2000:13:55:36 -0700` as epoch seconds."""
    stamp, sep, zone = text.partition(" ")
    parts = stamp.split("/", 2)
    if not sep or len(parts) < 3 or parts[1] not in MONTHS:
        return None
    day, month = uint(parts[0]), MONTHS.index(parts[1]) + 1
    hms = parts[2].split(":")
    if day is None or len(hms) < 4 or not INT.fullmatch(hms[0]):
        return None
    h, m, s = uint(hms[1]), uint(hms[2]), uint(hms[3])
    if None in (h, m, s) or zone[:1] not in ("+", "-") or len(zone) < 5:
        return None
    if not INT.fullmatch(zone[1:3]) or not INT.fullmatch(zone[3:5]):
        return None
    offset = int(zone[1:3]) * 3600 + int(zone[3:5]) * 60
    sign = 1 if zone[0] == "+" else -1
    return epoch_seconds(int(hms[0]), month, day, h, m, s) - sign * offset


def access_log_view(line):
    """The hour of a GET answered 2xx in Common or Combined Log Format."""
    start = line.find("[")
    end = line.find("]", start) if start >= 0 else -1
    if end < 0:
        return None
    t = clf_time(line[start + 1 : end])
    rest = line[end + 1 :]
    q1 = rest.find('"')
    q2 = rest.find('"', q1 + 1) if q1 >= 0 else -1
    if t is None or q2 < 0:
        return None
    after = rest[q2 + 1 :].split()
    status = uint(after[0]) if after else None
    ok = status is not None and rest[q1 + 1 : q2].startswith("GET ") and 200 <= status < 300
    return t if ok else None


def iso_time(text):
    """`2026-11-30T13:05:00Z` as epoch seconds."""
    if not text.endswith("Z"):
        return None
    date, sep, clock = text[:-1].partition("T")
    d, t = date.split("-"), clock.split(":")
    if not sep or len(d) < 3 or len(t) < 2 or not INT.fullmatch(d[0]):
        return None
    mo, da, h, mi = uint(d[1]), uint(d[2]), uint(t[0]), uint(t[1])
    if None in (mo, da, h, mi):
        return None
    try:
        s = float(t[2]) if len(t) > 2 else 0.0
    except ValueError:
        return None
    return epoch_seconds(int(d[0]), mo, da, h, mi, max(0, int(s)))


def prefix_time(path):
    """The hour of a Firehose prefix `.../2026/11/30/13/...` in an object's path."""
    parts = path.split("/")
    digits = lambda s, n: len(s) == n and re.fullmatch(r"[0-9]+", s) is not None
    for y, m, d, h in zip(parts, parts[1:], parts[2:], parts[3:]):
        if digits(y, 4) and digits(m, 2) and digits(d, 2) and digits(h, 2):
            return epoch_seconds(int(y), int(m), int(d), int(h), 0, 0)
    return None


def clickstream_view(line, path):
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(record, dict) or not isinstance(record.get("page"), str):
        return None
    if "action" in record and record["action"] != "view":
        return None
    ts = record.get("timestamp")
    if isinstance(ts, str):
        return iso_time(ts)
    if isinstance(ts, (int, float)) and not isinstance(ts, bool):
        return int(ts)
    return prefix_time(path)


def view_hour(path, line):
    line = line.strip()
    return hour_key(clickstream_view(line, path) if line.startswith("{") else access_log_view(line))


def run(lines):
    hours = lines.map(lambda fl: view_hour(fl[0], fl[1])).filter(lambda h: h is not None)
    return hours.map(lambda h: (h, 1)).reduceByKey(add, REDUCERS)
