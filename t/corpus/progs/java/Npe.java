public class Npe {
    static String host;
    public static void main(String[] args) {
        System.out.println(host.length());
    }
}
