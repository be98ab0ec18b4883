import java.util.logging.*;

public class Jul {
    private static final Logger LOG = Logger.getLogger(Jul.class.getName());
    public static void main(String[] args) {
        LOG.info("Server started on port 8081");
        LOG.warning("Pool exhausted, request queued (waiting=3)");
        LOG.severe("Could not bind 127.0.0.1:9: Permission denied");
        LOG.config("this CONFIG record is below the default INFO level and is not printed");
        try {
            Object o = null; o.hashCode();
        } catch (NullPointerException e) {
            LOG.log(Level.SEVERE, "Request handler failed", e);
        }
        LOG.info("0 errors during shutdown");
    }
}
