d = {}
try:
    d["k"]
except KeyError:
    print(undefined_name)
