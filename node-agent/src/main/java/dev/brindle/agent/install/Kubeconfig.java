package dev.brindle.agent.install;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The kubeconfig install-cni leaves for the CNI plugin (calico-facts §7.2, Calico's calico-kubeconfig): the
 * brindle-node ServiceAccount's token and the cluster CA, as mounted in every pod, and the API server from
 * KUBERNETES_SERVICE_HOST/PORT. It holds a credential, hence mode 0600.
 */
final class Kubeconfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Kubeconfig() {}

    /** Reads {@code token} and {@code ca.crt} from the ServiceAccount dir and renders the kubeconfig. */
    static String fromServiceAccount(Path serviceAccountDir, String apiServer) throws InstallException {
        String token = read(serviceAccountDir.resolve("token")).trim();
        if (token.isEmpty()) {
            throw new InstallException(serviceAccountDir.resolve("token") + " is empty: is automountServiceAccountToken"
                    + " off for the brindle-node ServiceAccount or pod?");
        }
        String ca = read(serviceAccountDir.resolve("ca.crt"));
        if (!ca.contains("BEGIN CERTIFICATE")) {
            throw new InstallException(serviceAccountDir.resolve("ca.crt") + " holds no PEM certificate");
        }
        return render(apiServer, ca, token);
    }

    static String render(String apiServer, String caPem, String token) {
        String caData = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8));
        return """
                # Written by brindle install-cni for the brindle CNI plugin; holds the brindle-node token.
                apiVersion: v1
                kind: Config
                clusters:
                - name: local
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: brindle
                  user:
                    token: %s
                contexts:
                - name: brindle
                  context:
                    cluster: local
                    user: brindle
                current-context: brindle
                """.formatted(quoted(apiServer), quoted(caData), quoted(token));
    }

    private static String read(Path file) throws InstallException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InstallException(
                    file + " does not exist: the pod needs its ServiceAccount token mounted"
                            + " (serviceAccountName: brindle-node, automountServiceAccountToken not false)",
                    e);
        } catch (IOException e) {
            throw new InstallException("cannot read " + file + ": " + e, e);
        }
    }

    /** A YAML double-quoted scalar; JSON's string syntax is a subset of it. */
    private static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
