package dev.brindle.netlink.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpFamily;
import dev.brindle.netlink.Link;
import dev.brindle.netlink.LinkKind;
import dev.brindle.netlink.NetlinkException;
import dev.brindle.netlink.VethSpec;
import dev.brindle.netlink.VxlanInfo;
import dev.brindle.netlink.VxlanSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Links: veth (also into another namespace), vxlan, bridge, tunl0, state changes, namespaces, errors. */
public abstract class LinkContract extends NetlinkContract {

    @Test
    void loopbackIsIndexOne() {
        Link lo = nl.link("lo");
        assertThat(lo.index()).isEqualTo(1);
        assertThat(lo.kind()).isEqualTo(LinkKind.DEVICE);
        assertThat(lo.mtu()).isEqualTo(65536);
        assertThat(nl.link(1)).isEqualTo(lo);
        assertThat(observed("lo")).contains(lo);
    }

    @Test
    void vethPairWithMacsAndMtuIsCreatedAsRequested() {
        var spec = VethSpec.of("cali0123", "eth0x")
                .withMacs(mac("ee:ee:ee:ee:ee:ee"), mac("02:00:00:00:00:07"))
                .withMtu(1410);
        Link host = nl.createVeth(spec);

        assertThat(host.name()).isEqualTo("cali0123");
        assertThat(host.kind()).isEqualTo(LinkKind.VETH);
        assertThat(host.mac()).contains(mac("ee:ee:ee:ee:ee:ee"));
        assertThat(host.mtu()).isEqualTo(1410);
        assertThat(observed("cali0123")).contains(host);
        Link peer = observed("eth0x").orElseThrow();
        assertThat(peer.mac()).contains(mac("02:00:00:00:00:07"));
        assertThat(peer.mtu()).isEqualTo(1410);
        assertThat(nl.link("eth0x")).isEqualTo(peer);
    }

    @Test
    void vethPeerIsCreatedDirectlyInAnotherNamespace() {
        var pod = otherNamespace("pod");
        Link host = nl.createVeth(VethSpec.of("calipod", "eth0")
                .withPeerNamespace(pod)
                .withMacs(mac("ee:ee:ee:ee:ee:ee"), mac("0a:58:0a:f4:00:05")));

        assertThat(observed("calipod")).contains(host);
        assertThat(nl.findLink("eth0")).isEmpty();
        Link peer = observedIn(env.observer(pod), "eth0").orElseThrow();
        assertThat(peer.mac()).contains(mac("0a:58:0a:f4:00:05"));
        try (var podNl = nl.openIn(pod)) {
            assertThat(podNl.link("eth0")).isEqualTo(peer);
        }
        nl.deleteLink("calipod");
        assertThat(observedIn(env.observer(pod), "eth0"))
                .as("deleting one end deletes both")
                .isEmpty();
    }

    @Test
    void vxlanDeviceCarriesVniPortLocalParentMacAndLearningOff() {
        Link parent = uplink();
        var spec = VxlanSpec.of("vxlan.brindle", 4096, 4789)
                .withLocal(ip("10.0.0.1"), parent.index())
                .withMac(mac("66:8a:1b:2c:3d:4e"));
        Link vx = nl.createVxlan(spec);

        assertThat(vx.kind()).isEqualTo(LinkKind.VXLAN);
        assertThat(vx.vxlan()).contains(new VxlanInfo(4096, 4789, Optional.of(ip("10.0.0.1")), parent.index(), false));
        assertThat(vx.mac()).contains(mac("66:8a:1b:2c:3d:4e"));
        assertThat(vx.mtu()).as("parent MTU - 50").isEqualTo(1450);
        assertThat(observed("vxlan.brindle")).contains(vx);
    }

    @Test
    void vxlanWithExplicitMtuAndNoParent() {
        Link vx = nl.createVxlan(VxlanSpec.of("vx6", 4097, 4790).withMtu(1400));
        assertThat(vx.vxlan()).contains(new VxlanInfo(4097, 4790, Optional.empty(), 0, false));
        assertThat(observed("vx6")).contains(vx);
    }

    @Test
    void linkStateMtuAndMacChangesAreApplied() {
        nl.createBridge("br-t");
        nl.setLinkUp("br-t", true);
        nl.setMtu("br-t", 1300);
        nl.setMac("br-t", mac("02:11:22:33:44:55"));
        Link br = nl.link("br-t");
        assertThat(br.up()).isTrue();
        assertThat(br.mtu()).isEqualTo(1300);
        assertThat(br.mac()).contains(mac("02:11:22:33:44:55"));
        assertThat(observed("br-t")).contains(br);

        nl.setLinkUp("br-t", false);
        assertThat(observed("br-t").orElseThrow().up()).isFalse();
    }

    @Test
    void vethIsEnslavedToABridgeAndReleased() {
        Link br = nl.createBridge("br-m");
        nl.createVeth(VethSpec.of("m0", "m1"));
        nl.setMaster("m0", Optional.of("br-m"));
        assertThat(nl.link("m0").masterIndex()).isEqualTo(br.index());
        assertThat(observed("m0").orElseThrow().masterIndex()).isEqualTo(br.index());
        nl.setMaster("m0", Optional.empty());
        assertThat(observed("m0").orElseThrow().masterIndex()).isZero();
    }

    @Test
    void linkMovesToAnotherNamespaceAndLeavesThisOne() {
        var other = otherNamespace("mv");
        nl.createVeth(VethSpec.of("mv0", "mv1"));
        nl.moveToNamespace("mv1", other);
        assertThat(nl.findLink("mv1")).isEmpty();
        assertThat(observedIn(env.observer(other), "mv1"))
                .hasValueSatisfying(l -> assertThat(l.up()).isFalse());
    }

    @Test
    void deletedLinkIsGoneAndItsAddressesWithIt() {
        Link up0 = uplink();
        nl.deleteLink("up0");
        assertThat(nl.findLink("up0")).isEmpty();
        assertThat(nl.findLink("up1")).isEmpty();
        assertThat(observed("up0")).isEmpty();
        assertThat(nl.listAddresses(up0.index(), IpFamily.V4)).isEmpty();
    }

    @Test
    void missingLinksFailWithEnodev() {
        assertThat(nl.findLink("nope0")).isEmpty();
        var e = assertErrno("ENODEV", () -> nl.link("nope0"));
        assertThat(e.isNotFound()).isTrue();
        assertThat(e.getMessage()).contains("nope0");
        assertErrno("ENODEV", () -> nl.link(999));
        assertErrno("ENODEV", () -> nl.deleteLink("nope0"));
        assertErrno("ENODEV", () -> nl.setLinkUp("nope0", true));
        assertErrno("ENODEV", () -> nl.setMtu("nope0", 1400));
    }

    @Test
    void creatingAnExistingNameFailsWithEexist() {
        nl.createBridge("dup0");
        var e = assertErrno("EEXIST", () -> nl.createBridge("dup0"));
        assertThat(e.isExists()).isTrue();
        assertErrno("EEXIST", () -> nl.createVeth(VethSpec.of("dup0", "dup1")));
        assertThat(nl.findLink("dup1")).as("nothing half-created").isEmpty();
    }

    @Test
    void invalidArgumentsAreRefusedBeforeTheKernel() {
        assertInvalid("'abcdefghijklmnop' is 16 bytes", () -> nl.createBridge("abcdefghijklmnop"));
        assertInvalid("interface name", () -> VethSpec.of("ok", "bad/name"));
        assertInvalid("MTU 20", () -> nl.setMtu("lo", 20));
        assertInvalid("VNI 16777216", () -> VxlanSpec.of("vx", 1 << 24, 4789));
        assertThat(observed("abcdefghijklmnop")).isEmpty();
    }

    @Test
    void dummyIsCreatedWhereTheKernelHasItAndOtherwiseRefusedWithEopnotsupp() {
        try {
            Link dummy = nl.createDummy("dum0");
            assertThat(dummy.kind()).isEqualTo(LinkKind.DUMMY);
            assertThat(observed("dum0")).contains(dummy);
        } catch (NetlinkException e) {
            assertThat(e.errnoName()).as(e.getMessage()).isEqualTo("EOPNOTSUPP");
            assertThat(observed("dum0")).isEmpty();
        }
    }

    @Test
    void tunl0IsConfiguredWhenIpipIsLoadedAndOtherwiseEnodev() {
        if (nl.findLink("tunl0").isEmpty()) {
            assertErrno("ENODEV", () -> nl.setUpTunl0(1480, Optional.of(AddressWithPrefix.parse("10.244.1.0/32"))));
            return;
        }
        Link tunl = nl.setUpTunl0(1440, Optional.of(AddressWithPrefix.parse("10.244.1.0/32")));
        assertThat(tunl.kind()).isEqualTo(LinkKind.IPIP);
        assertThat(tunl.up()).isTrue();
        assertThat(tunl.mtu()).isEqualTo(1440);
        assertThat(seen.addresses(IpFamily.V4)).contains(address(tunl, "10.244.1.0/32"));
        nl.setUpTunl0(1440, Optional.of(AddressWithPrefix.parse("10.244.2.0/32")));
        assertThat(nl.listAddresses(tunl.index(), IpFamily.V4)).containsExactly(address(tunl, "10.244.2.0/32"));
    }
}
