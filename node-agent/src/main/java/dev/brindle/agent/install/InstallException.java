package dev.brindle.agent.install;

/** install-cni could not finish; the message names the file or setting and what to do about it. */
public final class InstallException extends Exception {
    private static final long serialVersionUID = 1L;

    public InstallException(String message) {
        super(message);
    }

    public InstallException(String message, Throwable cause) {
        super(message, cause);
    }
}
