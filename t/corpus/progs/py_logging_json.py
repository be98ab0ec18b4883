import logging, sys
from pythonjsonlogger import jsonlogger
h = logging.StreamHandler(sys.stderr)
h.setFormatter(jsonlogger.JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
log = logging.getLogger("api")
log.addHandler(h)
log.setLevel(logging.DEBUG)
log.debug("cache lookup", extra={"key": "user:7", "hit": True})
log.info("request handled", extra={"path": "/health", "status": 200, "errors": 0})
log.warning("rate limit near", extra={"used": 95, "limit": 100})
log.error("upstream returned 502", extra={"upstream": "127.0.0.1:9"})
log.critical("config missing, exiting", extra={"file": "/etc/api.yml"})
