package dev.brindle.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Node;
import dev.brindle.ipam.IntendedUse;
import dev.brindle.ipam.Pool;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentPartsTest {
    @Test
    void explicitAddressNeedsAPrefixAndCanReachAnIpv4Destination() throws Exception {
        assertThat(AddressDetection.detect("192.168.7.10/24")).isEqualTo(AddressWithPrefix.parse("192.168.7.10/24"));
        assertThatThrownBy(() -> AddressDetection.detect("192.168.7.10")).hasMessageContaining("needs a prefix");
        assertThatThrownBy(() -> AddressDetection.detect("can-reach=")).hasMessageContaining("needs a destination");
        assertThatThrownBy(() -> AddressDetection.detect("can-reach=2001:db8::1"))
                .hasMessageContaining("not IPv4");
        assertThatThrownBy(() -> AddressDetection.detect("cidr=127.0.0.0/8"))
                .as("autodetection never picks a loopback address")
                .hasMessageContaining("no up, non-loopback interface");
    }

    @Test
    void vtepMacIsSixtySixAndTheFirstFiveBytesOfSha1() {
        // sha1("node1") = f9 37 c3 7e 94 9d ...
        assertThat(dev.brindle.agent.dataplane.VtepMac.of("node1").toString()).isEqualTo("66:f9:37:c3:7e:94");
        assertThat(dev.brindle.agent.dataplane.VtepMac.of("node1"))
                .isNotEqualTo(dev.brindle.agent.dataplane.VtepMac.of("node2"));
    }

    @Test
    void podMtuOverheadIsTheLargestEncapsulationInUse() {
        Pool ipip = pool(Pool.Encapsulation.ALWAYS, Pool.Encapsulation.NEVER, false);
        Pool vxlan = pool(Pool.Encapsulation.NEVER, Pool.Encapsulation.CROSS_SUBNET, false);
        Pool vxlanOff = pool(Pool.Encapsulation.NEVER, Pool.Encapsulation.ALWAYS, true);
        assertThat(PodMtu.overhead(List.of())).isZero();
        assertThat(PodMtu.overhead(List.of(ipip))).isEqualTo(20);
        assertThat(PodMtu.overhead(List.of(ipip, vxlan))).isEqualTo(50);
        assertThat(PodMtu.overhead(List.of(ipip, vxlanOff))).isEqualTo(20);
    }

    @Test
    void podMtuFollowsTheUnderlayMtu() {
        Pool vxlan = pool(Pool.Encapsulation.NEVER, Pool.Encapsulation.ALWAYS, false);
        Pool ipip = pool(Pool.Encapsulation.ALWAYS, Pool.Encapsulation.NEVER, false);
        assertThat(PodMtu.of(1500, List.of(vxlan))).isEqualTo(1450);
        assertThat(PodMtu.of(9000, List.of(vxlan))).isEqualTo(8950);
        assertThat(PodMtu.of(1400, List.of(ipip))).isEqualTo(1380);
        assertThat(PodMtu.of(1400, List.of())).isEqualTo(1400);
    }

    @Test
    void registrationKeepsAttachmentsAndRecordsAddedAndRemovedOnes() {
        try (Datastore ds = Datastores.inMemory()) {
            NodeRecord record = new NodeRecord(ds, "n1");
            record.register(AddressWithPrefix.parse("10.0.0.1/24"), null);
            record.added("k8s.a", "a", "eth0", "default", "pod-a");
            record.added("k8s.b", "b", "eth0", "default", "pod-b");
            record.removed("k8s.a");
            record.register(AddressWithPrefix.parse("10.0.0.2/24"), 64600L);
            Node n = ds.get(Kind.NODE, "n1").orElseThrow();
            assertThat(record.attachedHandles()).containsExactly("k8s.b");
            assertThat(n.spec().ipv4Address()).isEqualTo(AddressWithPrefix.parse("10.0.0.2/24"));
            assertThat(n.spec().asNumber()).isEqualTo(64600L);
            assertThat(n.metadata().labels()).containsEntry(NodeRecord.HOSTNAME_LABEL, "n1");
        }
    }

    private static Pool pool(Pool.Encapsulation ipip, Pool.Encapsulation vxlan, boolean disabled) {
        return new Pool(
                "p", IpPrefix.parse("10.0.0.0/16"), 26, disabled, "", Set.of(IntendedUse.WORKLOAD), false, ipip, vxlan);
    }
}
