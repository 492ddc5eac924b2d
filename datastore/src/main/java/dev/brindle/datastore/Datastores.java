package dev.brindle.datastore;

import dev.brindle.datastore.file.FileDatastore;
import dev.brindle.datastore.kubernetes.KubernetesDatastore;
import dev.brindle.datastore.memory.InMemoryDatastore;
import java.nio.file.Path;

/**
 * Opens datastores by their command-line name ({@code --datastore}, CONTRACT.md): {@code file:<dir>} (optionally
 * {@code file:<dir>?fsync=false}), {@code kubernetes}, or {@code memory}. Every store returned checks the IPPool
 * rules that span objects.
 */
public final class Datastores {
    public static final String DEFAULT = "file:/var/lib/brindle/store";

    private Datastores() {}

    /**
     * @param spec the {@code --datastore} value
     * @param kubeconfig the {@code --kubeconfig} path for {@code kubernetes}, or null for the default lookup
     *     (KUBECONFIG, ~/.kube/config, in-cluster service account)
     */
    public static Datastore open(String spec, Path kubeconfig) {
        if (spec.startsWith("file:")) {
            String rest = spec.substring("file:".length());
            boolean fsync = true;
            int q = rest.indexOf('?');
            if (q >= 0) {
                String option = rest.substring(q + 1);
                if (!option.equals("fsync=false") && !option.equals("fsync=true")) {
                    throw new IllegalArgumentException(
                            "--datastore " + spec + ": the only option is fsync=true|false, got " + option);
                }
                fsync = option.equals("fsync=true");
                rest = rest.substring(0, q);
            }
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("--datastore file: needs a directory, e.g. " + DEFAULT);
            }
            return new ValidatingDatastore(FileDatastore.open(Path.of(rest), fsync));
        }
        if (spec.equals("kubernetes")) {
            return new ValidatingDatastore(KubernetesDatastore.connect(kubeconfig));
        }
        if (spec.equals("memory")) {
            return inMemory();
        }
        throw new IllegalArgumentException("--datastore must be file:<dir>, kubernetes or memory, got '" + spec + "'");
    }

    /** Wraps an already connected Kubernetes store (tests against the mock API server). */
    public static Datastore of(KubernetesDatastore kubernetes) {
        return new ValidatingDatastore(kubernetes);
    }

    /** A fresh in-memory store (unit tests). */
    public static Datastore inMemory() {
        return new ValidatingDatastore(new InMemoryDatastore());
    }
}
