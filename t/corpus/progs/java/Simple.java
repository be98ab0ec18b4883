import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class Simple {
    private static final Logger LOG = LoggerFactory.getLogger("billing");
    public static void main(String[] args) {
        LOG.debug("not shown at default level");
        LOG.info("Invoice batch 17 processed");
        LOG.warn("Currency rate stale (age 2h), using cached value");
        LOG.error("Invoice 9 rejected: missing tax id");
    }
}
