def parse(v):
    try:
        return int(v)
    except ValueError as e:
        raise RuntimeError("bad port setting") from e
parse("eighty")
