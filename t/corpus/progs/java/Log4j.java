import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

public class Log4j {
    private static final Logger LOG = LogManager.getLogger(Log4j.class);
    public static void main(String[] args) {
        LOG.trace("entering main");
        LOG.debug("config file=/etc/demo/app.properties");
        LOG.info("Application started, errors=0");
        LOG.warn("Connection pool at 90% capacity");
        LOG.error("Failed to send mail to ops@localhost", new java.io.IOException("Connection refused"));
        LOG.fatal("Cannot open journal, terminating");
    }
}
