import json, logging, sys
class J(logging.Formatter):
    def format(self, r):
        return json.dumps({"ts": self.formatTime(r), "severity": r.levelname,
                           "logger": r.name, "msg": r.getMessage()})
h = logging.StreamHandler(sys.stderr); h.setFormatter(J())
log = logging.getLogger("worker"); log.addHandler(h); log.setLevel(logging.DEBUG)
log.debug("poll tick")
log.info("job 12 done in 0.3s, no errors found")
log.warning("job 13 took 31s (threshold 30s)")
log.error("job 14 failed: permission denied on /srv/out")
