import logging
logging.basicConfig(level=logging.DEBUG,
                    format="%(asctime)s - %(name)s - %(levelname)s - %(message)s")
log = logging.getLogger("payments")
log.debug("request payload size=512 bytes")
log.info("failover to replica db2 completed, error_count=0")
log.warning("certificate for api.local expires in 9 days")
log.error("charge id=81 failed: card declined")
log.critical("ledger file corrupt, refusing to continue")
try:
    {}["missing"]
except KeyError:
    log.exception("lookup failed while reconciling")
log.info("worker exiting normally")
