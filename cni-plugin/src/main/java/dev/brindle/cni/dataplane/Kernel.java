package dev.brindle.cni.dataplane;

/**
 * Opens network namespaces: the plugin's own (the node's) and a pod's by path. Closing it closes the node's handle;
 * a plugin process may leave that to its exit, the agent serving many calls may not.
 */
public interface Kernel extends AutoCloseable {
    Netns host();

    @Override
    void close();

    /**
     * Opens the namespace at {@code path} ({@code /run/netns/x}, {@code /proc/<pid>/ns/net}). Throws
     * {@link NetnsGoneException} when nothing is there and a code-8 {@code CniError} when the path is not a netns.
     */
    Netns open(String path);

    /** The pod's namespace no longer exists: fine for DEL, an error for ADD and CHECK. */
    final class NetnsGoneException extends RuntimeException {
        public NetnsGoneException(String path) {
            super("network namespace " + path + " does not exist");
        }
    }
}
