package dev.brindle.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.agent.NodeRecord;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.resource.BGPPeer;
import dev.brindle.datastore.resource.IPAMHandle;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Metadata;
import dev.brindle.ipam.AllocationAttributes;
import dev.brindle.ipam.Allocator;
import dev.brindle.ipam.AssignRequest;
import dev.brindle.ipam.DatastoreIpamStore;
import dev.brindle.ipam.IntendedUse;
import dev.brindle.ipam.TunnelAddresses;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CtlTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private String store() {
        return "file:" + dir.resolve("store");
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static final String CALICO_POOL = """
            apiVersion: projectcalico.org/v3
            kind: IPPool
            metadata:
              name: default-ipv4-ippool
              resourceVersion: "1234"
            spec:
              cidr: 192.168.0.0/16
              ipipMode: Always
              natOutgoing: true
              nodeSelector: all()
            """;

    @Test
    void appliesACalicoPoolAndPrintsTheWideTableLikeCalicoctl() throws Exception {
        assertThat(run("apply", "-f", write("pool.yaml", CALICO_POOL).toString(), "--datastore", store()))
                .isEqualTo(0);
        assertThat(out.toString()).contains("IPPool default-ipv4-ippool created");
        assertThat(run("--datastore", store(), "get", "ippool", "-o", "wide")).isEqualTo(0);
        assertThat(out.toString())
                .isEqualTo("NAME                  CIDR             NAT    IPIPMODE   VXLANMODE   DISABLED   "
                        + "DISABLEBGPEXPORT   SELECTOR   \n"
                        + "default-ipv4-ippool   192.168.0.0/16   true   Always     Never       false      false"
                        + "              all()      \n\n");
        assertThat(run("get", "ippool", "default-ipv4-ippool", "-o", "yaml", "--datastore", store()))
                .isEqualTo(0);
        assertThat(out.toString()).contains("kind: IPPool").contains("blockSize: 26");
        assertThat(run("apply", "-f", dir.resolve("pool.yaml").toString(), "--datastore", store()))
                .isEqualTo(0);
        assertThat(out.toString()).contains("configured");
    }

    @Test
    void refusesABadDocumentNamingFileFieldAndLine() throws Exception {
        Path bad = write("bad.yaml", CALICO_POOL.replace("192.168.0.0/16", "192.168.0.1/16"));
        assertThat(run("apply", "-f", bad.toString(), "--datastore", store())).isEqualTo(1);
        assertThat(err.toString()).contains("bad.yaml").contains("spec.cidr").contains("line 7");
        Path shrink = write("edit.yaml", CALICO_POOL.replace("ipipMode: Always", "ipipMode: Always\n  blockSize: 28"));
        run("apply", "-f", write("pool.yaml", CALICO_POOL).toString(), "--datastore", store());
        assertThat(run("apply", "-f", shrink.toString(), "--datastore", store()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("blockSize");
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        for (String[] cmd :
                new String[][] {{"get"}, {"apply"}, {"delete"}, {"ipam", "show"}, {"ipam", "check"}, {"ipam", "release"}
                }) {
            String[] args = java.util.Arrays.copyOf(cmd, cmd.length + 1);
            args[cmd.length] = "--help";
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(0);
            assertThat(out.toString()).as(String.join(" ", args)).contains("brindlectl " + cmd[0]);
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("get")).isEqualTo(2);
        assertThat(run("get", "frobs", "--datastore", store())).isEqualTo(2);
        assertThat(run("ipam", "release")).isEqualTo(2);
    }

    @Test
    void ipamCheckExitsThreeOnAnOrphanedHandleAndShowCountsUse() throws Exception {
        run("apply", "-f", write("pool.yaml", CALICO_POOL).toString(), "--datastore", store());
        try (Datastore ds = Datastores.open(store(), null)) {
            var alloc = new Allocator(new DatastoreIpamStore(ds), Clock.systemUTC());
            alloc.assign(new AssignRequest(
                    "n1",
                    dev.brindle.core.IpFamily.V4,
                    2,
                    new AllocationAttributes("k8s.a", Map.of("node", "n1")),
                    IntendedUse.WORKLOAD,
                    List.of()));
        }
        assertThat(run("ipam", "show", "--show-blocks", "--datastore", store())).isEqualTo(0);
        assertThat(out.toString()).contains("| IP Pool  | 192.168.0.0/16   |     65536 | 2 (0%)     | 65534 (100%) |");
        assertThat(run("ipam", "check", "--datastore", store())).isEqualTo(3);
        assertThat(out.toString())
                .contains("Found 2 IPs that are allocated in IPAM but not actually in use.")
                .contains("Found 1 blocks whose affinity names a node that does not exist.");
        try (Datastore ds = Datastores.open(store(), null)) {
            ds.create(IPAMHandle.of("k8s.ghost", Map.of("192.168.0.0/26", 1)));
        }
        run("ipam", "check", "--datastore", store());
        assertThat(out.toString()).contains("Found 1 handles with no matching IPs");
    }

    @Test
    void releaseFreesOneAddressAndDeleteReleasesAffinities() throws Exception {
        run("apply", "-f", write("pool.yaml", CALICO_POOL).toString(), "--datastore", store());
        String ip;
        try (Datastore ds = Datastores.open(store(), null)) {
            var alloc = new Allocator(new DatastoreIpamStore(ds), Clock.systemUTC());
            ip = alloc.assign(new AssignRequest(
                            "n1",
                            dev.brindle.core.IpFamily.V4,
                            1,
                            new AllocationAttributes("k8s.a", Map.of("node", "n1")),
                            IntendedUse.WORKLOAD,
                            List.of()))
                    .get(0)
                    .address()
                    .getHostAddress();
        }
        assertThat(run("ipam", "release", "--ip", ip, "--datastore", store())).isEqualTo(0);
        assertThat(run("ipam", "release", "--ip", ip, "--datastore", store())).isEqualTo(1);
        assertThat(err.toString()).contains("is not assigned");
        assertThat(run("delete", "ippool", "default-ipv4-ippool", "--datastore", store()))
                .isEqualTo(0);
        assertThat(out.toString()).contains("1 block affinities released");
        try (Datastore ds = Datastores.open(store(), null)) {
            assertThat(ds.list(Kind.IPPOOL)).isEmpty();
            assertThat(ds.list(Kind.BLOCK_AFFINITY)).isEmpty();
            assertThat(ds.list(Kind.IPAM_BLOCK)).isEmpty();
        }
        assertThat(IpPrefix.parse("192.168.0.0/16").contains(dev.brindle.core.IpAddresses.parse(ip)))
                .isTrue();
    }

    @Test
    void releaseDropsTheHandlesAttachmentOnceTheHandleHoldsNothingAndCheckComesOutClean() throws Exception {
        run("apply", "-f", write("pool.yaml", CALICO_POOL).toString(), "--datastore", store());
        List<String> twoOfA;
        try (Datastore ds = Datastores.open(store(), null)) {
            var alloc = new Allocator(new DatastoreIpamStore(ds), Clock.systemUTC());
            NodeRecord n1 = new NodeRecord(ds, "n1");
            n1.register(AddressWithPrefix.parse("10.0.0.1/24"), null);
            twoOfA = alloc
                    .assign(new AssignRequest(
                            "n1",
                            dev.brindle.core.IpFamily.V4,
                            2,
                            new AllocationAttributes("k8s.a", Map.of("node", "n1")),
                            IntendedUse.WORKLOAD,
                            List.of()))
                    .stream()
                    .map(a -> a.address().getHostAddress())
                    .toList();
            alloc.assign(workload("n1", "k8s.b"));
            n1.added("k8s.a", "a", "eth0", "default", "pod-a");
            n1.added("k8s.b", "b", "eth0", "default", "pod-b");
        }
        assertThat(run("ipam", "check", "--datastore", store()))
                .as(out.toString())
                .isEqualTo(0);

        assertThat(run("ipam", "release", "--ip", twoOfA.get(0), "--datastore", store()))
                .isEqualTo(0);
        assertThat(out.toString()).doesNotContain("Removed attachment");
        assertThat(attachedTo("n1")).as("k8s.a still holds an address").containsExactly("k8s.a", "k8s.b");

        assertThat(run("ipam", "release", "--ip", twoOfA.get(1), "--datastore", store()))
                .isEqualTo(0);
        assertThat(out.toString())
                .contains("Successfully released IP " + twoOfA.get(1) + " (handle k8s.a)")
                .contains("Removed attachment k8s.a from node n1");
        assertThat(attachedTo("n1")).containsExactly("k8s.b");
        assertThat(run("ipam", "check", "--datastore", store()))
                .as(out.toString())
                .isEqualTo(0);
        assertThat(out.toString()).contains("Check complete; found 0 problems.");
    }

    private List<String> attachedTo(String node) {
        try (Datastore ds = Datastores.open(store(), null)) {
            return new NodeRecord(ds, node).attachedHandles();
        }
    }

    @Test
    void deleteNodeReleasesItsIpamAndRecordButRefusesWhileItsAgentLooksAlive() throws Exception {
        run("apply", "-f", write("pool.yaml", CALICO_POOL).toString(), "--datastore", store());
        InetAddress borrowed;
        try (Datastore ds = Datastores.open(store(), null)) {
            var ipam = new DatastoreIpamStore(ds);
            var alloc = new Allocator(ipam, Clock.systemUTC());
            for (String n : List.of("n1", "n2")) {
                new NodeRecord(ds, n).register(AddressWithPrefix.parse("10.0.0." + n.charAt(1) + "/24"), null);
                alloc.assign(workload(n, "k8s.pod-" + n));
            }
            new NodeRecord(ds, "n1").added("k8s.pod-n1", "c1", "eth0", "default", "pod-n1");
            new NodeRecord(ds, "n1").heartbeat(Instant.now());
            new TunnelAddresses(alloc, ipam).ensure("n1", TunnelAddresses.Kind.IPIP);
            // n2's pod borrowed an address from n1's block: the block must outlive n1's affinity.
            IpPrefix n1Block = ipam.affinities("n1").get(0).value().cidr();
            borrowed = n1Block.addressAt(40);
            alloc.assignAddress("n2", borrowed, new AllocationAttributes("k8s.borrowed", Map.of("node", "n2")));
            ds.create(new BGPPeer(
                    Metadata.named("n1-tor"), new BGPPeer.Spec("n1", null, "10.0.0.254", 64600, null, null)));
        }

        assertThat(run("delete", "node", "n1", "--datastore", store())).isEqualTo(1);
        assertThat(err.toString()).contains("node n1 still looks alive", "--force");
        try (Datastore ds = Datastores.open(store(), null)) {
            assertThat(ds.get(Kind.NODE, "n1"))
                    .as("a refused delete changes nothing")
                    .isPresent();
        }

        assertThat(run("delete", "node", "n1", "--force", "--datastore", store()))
                .as(err.toString())
                .isEqualTo(0);
        assertThat(out.toString())
                .contains("Node n1 deleted (2 addresses, 1 block affinities released; 1 BGPPeers, 0 workload"
                        + " endpoints deleted)");
        try (Datastore ds = Datastores.open(store(), null)) {
            var ipam = new DatastoreIpamStore(ds);
            var alloc = new Allocator(ipam, Clock.systemUTC());
            assertThat(ds.get(Kind.NODE, "n1")).isEmpty();
            assertThat(ipam.affinities("n1")).isEmpty();
            assertThat(alloc.addressesOf("k8s.pod-n1")).isEmpty();
            assertThat(alloc.addressesOf(TunnelAddresses.Kind.IPIP.handle("n1")))
                    .isEmpty();
            assertThat(alloc.addressesOf("k8s.pod-n2")).hasSize(1);
            assertThat(alloc.addressesOf("k8s.borrowed"))
                    .extracting(AddressWithPrefix::address)
                    .containsExactly(borrowed);
            assertThat(ipam.blocks())
                    .as("n1's block stays, without affinity, for n2's borrowed address")
                    .anySatisfy(b -> {
                        assertThat(b.value().cidr().contains(borrowed)).isTrue();
                        assertThat(b.value().affinity()).isEmpty();
                    });
            assertThat(ds.list(Kind.BGP_PEER)).isEmpty();
            assertThat(ds.get(Kind.NODE, "n2")).isPresent();
        }
        assertThat(run("delete", "node", "n1", "--datastore", store())).isEqualTo(1);
        assertThat(err.toString()).contains("Node n1 not found");
    }

    @Test
    void deleteNodeGoesAheadWithoutForceOnceTheHeartbeatIsOld() throws Exception {
        run("apply", "-f", write("pool.yaml", CALICO_POOL).toString(), "--datastore", store());
        try (Datastore ds = Datastores.open(store(), null)) {
            NodeRecord n3 = new NodeRecord(ds, "n3");
            n3.register(AddressWithPrefix.parse("10.0.0.3/24"), null);
            assertThat(n3.heartbeat(Instant.now().minus(Duration.ofMinutes(10))))
                    .as("the file datastore keeps the heartbeat")
                    .isTrue();
            new Allocator(new DatastoreIpamStore(ds), Clock.systemUTC()).assign(workload("n3", "k8s.pod-n3"));
        }
        assertThat(NodeRemoval.HEARTBEAT_ANNOTATION).isEqualTo(NodeRecord.HEARTBEAT_ANNOTATION);

        assertThat(run("delete", "node", "n3", "--datastore", store()))
                .as(err.toString())
                .isEqualTo(0);
        assertThat(out.toString()).contains("Node n3 deleted (1 addresses, 1 block affinities released");
        try (Datastore ds = Datastores.open(store(), null)) {
            assertThat(ds.list(Kind.IPAM_BLOCK))
                    .as("the emptied block is deleted")
                    .isEmpty();
            assertThat(ds.list(Kind.BLOCK_AFFINITY)).isEmpty();
        }
    }

    private static AssignRequest workload(String node, String handle) {
        return new AssignRequest(
                node,
                dev.brindle.core.IpFamily.V4,
                1,
                new AllocationAttributes(handle, Map.of("node", node)),
                IntendedUse.WORKLOAD,
                List.of());
    }

    @Test
    void goNumberFormatsMatchCalicoctl() {
        assertThat(GoFormat.g(1048576, 5)).isEqualTo("1.0486e+06");
        assertThat(GoFormat.g(512, 5)).isEqualTo("512");
        assertThat(GoFormat.g(65536, 5)).isEqualTo("65536");
        assertThat(GoFormat.f0(15.8)).isEqualTo("16");
    }
}
