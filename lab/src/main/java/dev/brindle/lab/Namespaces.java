package dev.brindle.lab;

/**
 * Something that creates namespaces under one prefix and looks after the processes started in them: a test run's
 * {@link NamespaceSet} (removed when the run ends) or a lab cluster's {@code LabNamespaces} (kept until
 * {@code lab down}).
 */
public interface Namespaces {
    /** Creates namespace {@code prefix() + shortName} with its loopback up. */
    Namespace add(String shortName);

    /** The prefix every namespace made here starts with. */
    String prefix();

    /** Starts a process (already wrapped to run inside a namespace) and takes charge of stopping it. */
    Process track(ProcessBuilder pb);
}
