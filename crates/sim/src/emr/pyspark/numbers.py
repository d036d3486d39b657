
ASCII_DIGITS = re.compile(r"[0-9]*")


def parse_micros(text):
    """A decimal number as millionths (exact), or None: at most six decimals, no exponent."""
    text = text.strip()
    negative = text.startswith("-")
    digits = text[1:] if negative or text.startswith("+") else text
    whole, _, frac = digits.partition(".")
    if (not whole and not frac) or len(frac) > 6:
        return None
    if not ASCII_DIGITS.fullmatch(whole) or not ASCII_DIGITS.fullmatch(frac):
        return None
    value = (int(whole) if whole else 0) * 1000000 + int(frac.ljust(6, "0"))
    return -value if negative else value


def key_and_value(line):
    """`key,value`, or `time,key,...,value`: the key and the value's text, or None."""
    fields = [f.strip() for f in line.strip().split(",")]
    if len(fields) < 2:
        return None
    key, value = (fields[0], fields[1]) if len(fields) == 2 else (fields[1], fields[-1])
    return (key, value) if key and parse_micros(value) is not None else None
