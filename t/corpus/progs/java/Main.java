import java.util.*;

public class Main {
    static int parsePort(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("invalid port in config: " + s, e);
        }
    }
    public static void main(String[] args) {
        Map<String, String> cfg = new HashMap<>();
        cfg.put("port", "80a");
        System.out.println(parsePort(cfg.get("port")));
    }
}
