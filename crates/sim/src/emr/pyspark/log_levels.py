
# The first word of a line (split on each ASCII whitespace character, brackets stripped)
# that is a log level counts 1.
LEVELS = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"}
WHITESPACE = re.compile(r"[ \t\n\x0c\r]")


def level(line):
    for word in WHITESPACE.split(line):
        if word.startswith("["):
            word = word[1:]
        if word.endswith("]"):
            word = word[:-1]
        if word in LEVELS:
            return word
    return None


def run(lines):
    levels = lines.map(lambda fl: level(fl[1])).filter(lambda lv: lv is not None)
    return levels.map(lambda lv: (lv, 1)).reduceByKey(add, REDUCERS)
