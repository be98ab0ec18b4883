import logging
logging.basicConfig()
try:
    1 / 0
except ZeroDivisionError:
    logging.getLogger("stats").exception("could not compute mean")
