import json
def load(path):
    with open(path) as f:
        return json.load(f)
cfg = load("/etc/withlog-demo/config.json")
