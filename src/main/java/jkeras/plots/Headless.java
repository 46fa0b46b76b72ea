package jkeras.plots;

/** Charts and images are drawn off-screen: servers and CI have no display. */
final class Headless {
    private Headless() {}

    static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
