
# Hadoop's WordCount: StringTokenizer splits on space, tab, newline, carriage return and
# form feed, and nothing else.
DELIMITERS = re.compile(r"[ \t\n\r\f]+")


def words(line):
    return [w for w in DELIMITERS.split(line) if w]


def run(lines):
    return lines.flatMap(lambda fl: words(fl[1])).map(lambda w: (w, 1)).reduceByKey(add, REDUCERS)
