import logging, logging.handlers
h = logging.handlers.SysLogHandler(address="/dev/log")
h.setFormatter(logging.Formatter("pyapp[%(process)d]: %(message)s"))
log = logging.getLogger("pyapp"); log.addHandler(h); log.setLevel(logging.DEBUG)
log.debug("loaded 3 plugins")
log.info("listening on 127.0.0.1:8000")
log.warning("connection reset by peer, retrying in 2s")
log.error("cannot open /var/lib/pyapp/state: permission denied")
log.critical("out of file descriptors, exiting")
