
# The three largest values per key, largest first, ties by text.
N = 3


def top(values):
    ranked = sorted(values, key=lambda v: (-parse_micros(v), v))
    return ",".join(ranked[:N])


def run(lines):
    pairs = lines.map(lambda fl: key_and_value(fl[1])).filter(lambda kv: kv is not None)
    return pairs.groupByKey(REDUCERS).mapValues(top)
