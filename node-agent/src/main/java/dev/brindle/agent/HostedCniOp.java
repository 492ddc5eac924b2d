package dev.brindle.agent;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brindle.cni.dataplane.SystemKernel;
import dev.brindle.cni.hosted.Capabilities;
import dev.brindle.cni.hosted.HostedCni;
import dev.brindle.cni.hosted.NetnsIdentity;
import dev.brindle.cni.ipam.AgentChannel;
import dev.brindle.ipam.IpamException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Op {@code cni} of the agent socket (docs/agent-socket.md): the CNI call brindle-shim carries, run in this process
 * by {@link HostedCni}, whose {@code brindle-ipam} goes straight to this agent's {@link IpamService}. The plugin's
 * JSON model (plain maps and lists) and the socket's Jackson trees are converted in memory, never through text.
 */
final class HostedCniOp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> PLUGIN_MAP = new TypeReference<>() {};
    private static final Logger log = LoggerFactory.getLogger(HostedCniOp.class);
    private static final int WORKERS = 16;
    private final HostedCni hosted;
    private final ExecutorService workers = Executors.newFixedThreadPool(
            WORKERS, Thread.ofPlatform().daemon().name("cni-", 0).factory());

    HostedCniOp(IpamService ipam, IntSupplier podMtu) {
        AgentChannel direct = request -> AgentChannel.accept(toPlugin(ipam.handle(toSocket(request))));
        boolean canWire = Capabilities.canWirePods();
        if (canWire) {
            log.info("serving the CNI calls brindle-shim hands over (op cni)");
        } else {
            log.warn("not privileged (no CAP_SYS_ADMIN or a read-only /proc/sys): every CNI call runs the JVM plugin"
                    + " instead, ~10x slower per pod; see docs/install.md");
        }
        this.hosted = new HostedCni(SystemKernel::new, direct, podMtu, NetnsIdentity.ofSelf(), canWire);
    }

    /**
     * Runs the call on a platform thread: the socket's virtual threads would pin their carrier in every blocking
     * netlink downcall (FFM), and with one carrier per core a burst of ADDs waiting on the kernel's rtnl lock would
     * stall every other request of the agent.
     */
    ObjectNode answer(JsonNode request) {
        try {
            return workers.submit(() -> toSocket(hosted.answer(toPlugin(request))))
                    .get();
        } catch (ExecutionException e) {
            // HostedCni turns every CNI failure into an exit code; this is a bug, and the shim falls back on it.
            return IpamService.error(IpamException.INVALID_REQUEST, "cni call failed in the agent: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return IpamService.error(IpamException.INVALID_REQUEST, "the agent is stopping");
        }
    }

    private static Map<String, Object> toPlugin(JsonNode node) {
        return JSON.convertValue(node, PLUGIN_MAP);
    }

    private static ObjectNode toSocket(Map<String, Object> map) {
        return JSON.valueToTree(map);
    }
}
