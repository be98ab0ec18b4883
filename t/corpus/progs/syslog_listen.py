#!/usr/bin/env python3
"""Bind a unix datagram socket at /dev/log and record every datagram exactly as
received, one JSON object per line, tagged with the collection section that was
active (read from the file named by argv[2]) when it arrived."""
import json, os, socket, sys
path, tagfile, out = "/dev/log", sys.argv[2], sys.argv[1]
try:
    os.unlink(path)
except FileNotFoundError:
    pass
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
os.chmod(path, 0o666)
with open(out, "a", buffering=1) as f:
    while True:
        data = s.recv(65536)
        try:
            tag = open(tagfile).read().strip()
        except OSError:
            tag = "?"
        f.write(json.dumps({"section": tag, "raw": data.decode("utf-8", "replace")}) + "\n")
