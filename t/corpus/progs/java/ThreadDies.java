public class ThreadDies {
    public static void main(String[] args) throws Exception {
        Thread t = new Thread(() -> { int[] a = new int[2]; a[3] = 1; }, "indexer-1");
        t.start();
        t.join();
        System.err.println("main: indexer-1 died, serving stale index");
    }
}
