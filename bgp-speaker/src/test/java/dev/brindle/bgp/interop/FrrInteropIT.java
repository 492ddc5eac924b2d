package dev.brindle.bgp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.lab.junit.Needs;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our speaker against a real FRR 8 (bgpd + zebra): iBGP in the mesh's AS, and eBGP as a top-of-rack router. */
@Needs(
        root = true,
        commands = {"ip", "vtysh", "/usr/lib/frr/bgpd", "/usr/lib/frr/zebra"})
class FrrInteropIT extends InteropFixture {
    static final String FRR = "192.0.2.3";
    static final String FRR_BLOCK = "10.244.3.0/26";
    static final Duration UP = Duration.ofSeconds(20);

    Frr frr;

    @BeforeEach
    void topology() {
        link(US, "frr", FRR);
    }

    void start(Frr.Options o, String peerSpec, String... extra) throws Exception {
        frr = new Frr(peerNs, dir, o);
        peer = frr;
        frr.start();
        startSpeaker(peerSpec, extra);
    }

    void awaitRoutesBothWays(String frrAsPathSuffix) {
        await().atMost(UP).until(() -> speaker.count(l -> l.startsWith(Speaker.add(FRR_BLOCK, FRR))) > 0);
        await().atMost(UP).until(() -> Netns.routes(peerNs).contains(OUR_BLOCK + " nhid"));
        assertThat(Netns.routes(peerNs)).containsPattern(OUR_BLOCK + " nhid \\d+ via " + US.replace(".", "\\."));
        assertThat(frr.vtysh("show bgp ipv4 unicast " + OUR_BLOCK)).contains(frrAsPathSuffix);
    }

    @Test
    void weConnectToAPassiveFrrAndRoutesFlowBothWaysThenWithdraw() throws Exception {
        start(Frr.options(FRR, 64512, FRR_BLOCK, US, 64512).passiveOn(), FRR + ",connect-retry=1");
        awaitRoutesBothWays("Local");
        speaker.command("withdraw " + OUR_BLOCK);
        await().atMost(Duration.ofSeconds(5)).until(() -> !Netns.routes(peerNs).contains(OUR_BLOCK));
    }

    @Test
    void frrConnectsToUsWhenWeArePassive() throws Exception {
        start(Frr.options(FRR, 64512, FRR_BLOCK, US, 64512), FRR + ",passive");
        awaitRoutesBothWays("Local");
        assertThat(peerConnectedToUs(US)).isTrue();
    }

    @Test
    void anFrrTopOfRackOverEbgpWithPrivateAsAcceptsOurBlocks() throws Exception {
        start(Frr.options(FRR, 65001, FRR_BLOCK, US, 64512), FRR + ",as=65001,connect-retry=1");
        awaitRoutesBothWays("64512"); // FRR sees our AS on the path: we prepended it
        assertThat(frr.vtysh("show bgp ipv4 unicast " + OUR_BLOCK)).doesNotContain("localpref 100, valid, internal");
    }

    @Test
    void aFourOctetAsReachesFrrThroughAsTransAndTheCapability() throws Exception {
        // RFC 6793: My AS = AS_TRANS (23456) in the OPEN, the real AS in capability 65 and on the AS_PATH.
        start(
                Frr.options(FRR, 65001, FRR_BLOCK, US, 4200000001L),
                FRR + ",as=65001,connect-retry=1",
                "--as",
                "4200000001");
        awaitRoutesBothWays("4200000001");
        assertThat(frr.vtysh("show bgp neighbors " + US)).contains("remote AS 4200000001");
    }

    @Test
    void aRouteRefreshFromFrrIsAnsweredWithOurRoutes() throws Exception {
        start(Frr.options(FRR, 64512, FRR_BLOCK, US, 64512), FRR + ",connect-retry=1");
        awaitRoutesBothWays("Local");
        int before = updatesReceived();
        frr.vtysh("clear bgp ipv4 unicast " + US + " soft in");
        await().atMost(Duration.ofSeconds(5)).until(() -> updatesReceived() > before);
    }

    /** FRR's count of UPDATEs received from us. */
    int updatesReceived() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"updatesRecv\":(\\d+)")
                .matcher(frr.vtysh("show bgp neighbors " + US + " json"));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Test
    void md5WithTheMatchingKeyEstablishes() throws Exception {
        start(
                Frr.options(FRR, 64512, FRR_BLOCK, US, 64512).withPassword("s3cret"),
                FRR + ",md5=s3cret,connect-retry=1");
        awaitRoutesBothWays("Local");
    }

    @Test
    void aFrozenFrrExpiresOurHoldTimerAndComesBack() throws Exception {
        start(Frr.options(FRR, 64512, FRR_BLOCK, US, 64512), FRR + ",hold=3,connect-retry=1");
        awaitRoutesBothWays("Local");
        Shell.signal(frr.bgpdPid(), "STOP");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> speaker.count(l -> l.startsWith(Speaker.withdraw(FRR_BLOCK))) == 1);
        assertThat(speaker.lines()).anyMatch(l -> l.contains("hold timer expired"));
        Shell.signal(frr.bgpdPid(), "CONT");
        await().atMost(UP).until(() -> speaker.count(l -> l.startsWith(Speaker.add(FRR_BLOCK, FRR))) == 2);
    }

    @Test
    void ipv6OverTheIpv4SessionReachesFrrsKernelAndFrrsIpv6ReachesUs() throws Exception {
        // FRR gives its interface's global IPv6 address as next hop (and may add its link-local one, RFC 2545 §3).
        Shell.run("ip", "-n", dutNs, "addr", "add", "2001:db8::100/64", "dev", "ul0", "nodad");
        Shell.run("ip", "-n", peerNs, "addr", "add", "2001:db8::3/64", "dev", "ul0", "nodad");
        start(
                Frr.options(FRR, 64512, FRR_BLOCK, US, 64512).passiveOn().withIpv6("2001:db8:3::/64"),
                FRR + ",connect-retry=1",
                "--announce",
                "2001:db8:100::/64,nexthop=2001:db8::100");
        await().atMost(UP)
                .until(() -> speaker.count(l -> l.startsWith(Speaker.add("2001:db8:3::/64", "2001:db8::3"))) == 1);
        await().atMost(UP)
                .until(() -> Shell.run("ip", "-n", peerNs, "-6", "route", "show")
                        .matches("(?s).*2001:db8:100::/64 nhid \\d+ via 2001:db8::100 .*"));
        awaitRoutesBothWays("Local");
    }
}
