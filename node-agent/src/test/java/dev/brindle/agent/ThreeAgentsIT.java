package dev.brindle.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.resource.BlockAffinity;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Metadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real brindle-node processes share one file: store; 300 assigns hit their sockets at once. Nothing needs root:
 * the sockets live in a temp dir.
 */
class ThreeAgentsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NODES = List.of("node-a", "node-b", "node-c");

    @TempDir
    Path dir;

    @Test
    void threeHundredConcurrentAssignsGetDistinctAddressesFromTheirOwnBlocks() throws Exception {
        String store = "file:" + dir.resolve("store");
        try (Datastore ds = Datastores.open(store, null)) {
            // Small blocks so that every node claims several while the others claim theirs.
            ds.create(new IPPool(
                    Metadata.named("pool"),
                    new IPPool.Spec(
                            IpPrefix.parse("10.44.0.0/20"), 28, null, null, false, false, false, null, null, null)));
        }
        List<AgentProcess> agents = new ArrayList<>();
        try {
            for (String n : NODES) {
                agents.add(AgentProcess.start(n, store, dir));
            }
            for (AgentProcess a : agents) {
                a.awaitSocket(Duration.ofSeconds(60));
                assertThat(Files.readString(a.socket.resolveSibling(NodeAgent.DATASTORE_FILE))
                                .strip())
                        .isEqualTo(store);
            }
            Map<String, String> byHandle = assignAll(agents);
            assertThat(byHandle).hasSize(300);
            assertThat(new HashSet<>(byHandle.values())).hasSize(300);
            checkStore(store, byHandle);
            for (AgentProcess a : agents) {
                JsonNode rel = JSON.readTree(a.call("{\"op\":\"release\",\"handle\":\"k8s." + a.node + "-0\"}"));
                assertThat(rel.path("released")).hasSize(1);
            }
        } finally {
            for (AgentProcess a : agents) {
                a.close();
            }
        }
        for (AgentProcess a : agents) {
            assertThat(a.socket).as("SIGTERM removes the socket").doesNotExist();
        }
    }

    private Map<String, String> assignAll(List<AgentProcess> agents) throws Exception {
        Map<String, String> byHandle = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                for (AgentProcess a : agents) {
                    String handle = "k8s." + a.node + "-" + i;
                    calls.add(pool.submit(() -> {
                        go.await();
                        JsonNode r = JSON.readTree(a.call("{\"op\":\"assign\",\"handle\":\"" + handle + "\",\"node\":\""
                                + a.node + "\",\"containerId\":\"" + handle + "\"}"));
                        assertThat(r.path("ok").asBoolean()).as(r.toString()).isTrue();
                        byHandle.put(
                                handle, r.path("ips").get(0).path("address").asText());
                        return null;
                    }));
                }
            }
            go.countDown();
            for (Future<?> f : calls) {
                f.get();
            }
        }
        return byHandle;
    }

    /** Each node's addresses lie in blocks affine to it, and no block is affine to two nodes. */
    private static void checkStore(String store, Map<String, String> byHandle) {
        try (Datastore ds = Datastores.open(store, null)) {
            Map<String, String> blockOwner = new HashMap<>();
            for (IPAMBlock b : ds.list(Kind.IPAM_BLOCK)) {
                blockOwner.put(b.spec().cidr().toString(), b.spec().affineNode().orElse(""));
            }
            Set<String> confirmedCidrs = new HashSet<>();
            for (BlockAffinity a : ds.list(Kind.BLOCK_AFFINITY)) {
                if (a.spec().state() == BlockAffinity.State.confirmed) {
                    assertThat(confirmedCidrs.add(a.spec().cidr().toString()))
                            .as("block %s confirmed for two nodes", a.spec().cidr())
                            .isTrue();
                    assertThat(blockOwner.get(a.spec().cidr().toString()))
                            .isEqualTo(a.spec().node());
                }
            }
            byHandle.forEach((handle, address) -> {
                String node = handle.substring(4, handle.lastIndexOf('-'));
                String block = AddressWithPrefix.parse(address).network().toString();
                assertThat(blockOwner.get(block))
                        .as("%s of %s", address, handle)
                        .isEqualTo(node);
            });
            assertThat(blockOwner.values()).doesNotContain("");
            assertThat(Files.exists(Path.of(store.substring(5)))).isTrue();
        }
    }
}
