package dev.brindle.cni.ipam;

import dev.brindle.cni.spec.CniError;
import java.util.Map;

/**
 * One request to the node agent's IPAM service and its answer (docs/agent-socket.md). Over the socket for a plugin
 * in its own process ({@link AgentClient}); a direct call when the agent itself runs the plugin for brindle-shim.
 */
@FunctionalInterface
public interface AgentChannel {
    /** The answer when its {@code ok} is true; otherwise throws the answer's CNI error. */
    Map<String, Object> call(Map<String, Object> request);

    /** An answer as a CNI caller sees it: itself when {@code ok}, else its error as a {@link CniError}. */
    static Map<String, Object> accept(Map<String, Object> answer) {
        if (Boolean.TRUE.equals(answer.get("ok"))) {
            return answer;
        }
        CniError err = CniError.fromJson(answer, "the brindle node agent refused the request");
        throw new CniError(err.code(), "brindle node agent: " + err.msg(), err.details());
    }
}
