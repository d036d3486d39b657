
from urllib.parse import unquote


def words(line):
    """Runs of letters and digits, lower-cased."""
    found, current = [], []
    for c in line:
        if c.isalnum():
            current.append(c)
        elif current:
            found.append("".join(current).lower())
            current = []
    if current:
        found.append("".join(current).lower())
    return found


def file_name(path):
    return unquote(path.rsplit("/", 1)[-1])


def run(lines):
    pairs = lines.flatMap(lambda fl: [(w, file_name(fl[0])) for w in words(fl[1])])
    return pairs.distinct(REDUCERS).groupByKey(REDUCERS).mapValues(lambda files: ",".join(sorted(files)))
