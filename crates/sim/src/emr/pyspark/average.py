
# The average per key, in exact millionths, rounded half away from zero to two decimals.


def average_2dp(total, count):
    d = count * 10000
    hundredths = (2 * total + d) // (2 * d) if total >= 0 else -((-2 * total + d) // (2 * d))
    sign = "-" if hundredths < 0 else ""
    h = abs(hundredths)
    return "%s%d.%02d" % (sign, h // 100, h % 100)


def run(lines):
    pairs = lines.map(lambda fl: key_and_value(fl[1])).filter(lambda kv: kv is not None)
    sums = pairs.map(lambda kv: (kv[0], (parse_micros(kv[1]), 1)))
    totals = sums.reduceByKey(lambda a, b: (a[0] + b[0], a[1] + b[1]), REDUCERS)
    return totals.mapValues(lambda t: average_2dp(t[0], t[1]))
