package dev.brindle.agent.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.brindle.agent.dataplane.DataplaneAgent;
import dev.brindle.agent.dataplane.DataplaneConfig;
import dev.brindle.agent.dataplane.NatRules;
import dev.brindle.agent.dataplane.RouteSource;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.resource.EncapMode;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Node;
import dev.brindle.netlink.FakeNetlink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Health and metrics endpoints over real HTTP, fed by a dataplane on the fake kernel. */
class OpsEndpointsTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final Datastore store = Datastores.inMemory();
    private final FakeNetlink kernel = new FakeNetlink();
    private DataplaneAgent dataplane;
    private OpsEndpoints ops;

    @BeforeEach
    void setUp() throws Exception {
        kernel.addUplink("eth0", AddressWithPrefix.parse("10.0.0.1/24"));
        store.create(IPPool.of("default", "10.244.0.0/16"));
        store.create(Node.of("a", AddressWithPrefix.parse("10.0.0.1/24")));
        store.create(IPAMBlock.empty(IpPrefix.parse("10.244.0.0/26"), "a", 0, Instant.EPOCH));
        DataplaneConfig config = new DataplaneConfig(
                RouteSource.DATASTORE, Duration.ofSeconds(90), Duration.ofMillis(50), (NatRules r) -> {});
        dataplane = new DataplaneAgent(store, kernel, "a", AddressWithPrefix.parse("10.0.0.1/24"), config);
        AgentHealth health = new AgentHealth(dataplane, Optional.empty(), Duration.ofMinutes(5));
        ops = OpsEndpoints.start(
                "127.0.0.1:0", "127.0.0.1:0", health, AgentMetrics.register(dataplane, Optional.empty(), store, "a"));
    }

    @AfterEach
    void tearDown() {
        ops.close();
        dataplane.close();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int healthPort() {
        return ops.healthAddress().getPort();
    }

    @Test
    void notReadyBeforeTheDatastoreSyncsThenReadyAndAlwaysLive() throws Exception {
        HttpResponse<String> before = get(healthPort(), "/readiness");
        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(before.body()).contains("datastore not in sync");
        assertThat(get(healthPort(), "/liveness").statusCode()).isEqualTo(200);

        dataplane.start();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> get(healthPort(), "/readiness").statusCode() == 200);
        assertThat(get(healthPort(), "/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void anIpipPoolOnAKernelWithoutIpipIsAReadinessReason() throws Exception {
        IPPool pool = store.get(Kind.IPPOOL, "default").orElseThrow();
        store.update(pool.withSpec(pool.spec().withEncapsulation(EncapMode.Always, EncapMode.Never)));
        dataplane.start();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> get(healthPort(), "/readiness").body().contains("no ipip module"));
        assertThat(get(healthPort(), "/readiness").statusCode()).isEqualTo(503);
    }

    @Test
    void metricsShowRoutesReconcilesAndIpamUsage() throws Exception {
        dataplane.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> dataplane.status().reconciles() > 0);

        String body = get(ops.metricsPort(), "/metrics").body();

        assertThat(body)
                .contains("brindle_routes{kind=\"blackhole\"} 1.0")
                .contains("brindle_routes{kind=\"vxlan\"} 0.0")
                .contains("brindle_reconciles_total")
                .contains("brindle_reconcile_errors_total 0.0")
                .contains("brindle_ipam_blocks 1.0")
                .contains("brindle_ipam_addresses{state=\"free\"} 64.0");
    }

    @Test
    void aListenAddressWithoutPortIsRefusedNamingTheFlag() {
        assertThatThrownBy(() -> OpsEndpoints.parse("localhost", "--health-listen"))
                .hasMessageContaining("--health-listen")
                .hasMessageContaining("host:port");
    }
}
