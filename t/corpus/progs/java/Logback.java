import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class Logback {
    private static final Logger LOG = LoggerFactory.getLogger(Logback.class);
    public static void main(String[] args) {
        LOG.trace("tick");
        LOG.debug("resolved 127.0.0.1 for localhost");
        LOG.info("Consumer group joined, partitions=[0, 1]");
        LOG.warn("Offset commit failed, will retry: {}", "timeout after 5000ms");
        LOG.error("Deserialization failed for record at offset 42", new IllegalArgumentException("unexpected byte 0x7f"));
        LOG.info("No errors found in 120 records");
    }
}
