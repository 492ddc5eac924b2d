package dev.brindle.bgp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.lab.junit.Needs;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our speaker against a real GoBGP 3 (its RIB read with the gobgp CLI; GoBGP has no FIB here). */
@Needs(
        root = true,
        commands = {"ip", "gobgpd", "gobgp"})
class GoBgpInteropIT extends InteropFixture {
    static final String GOBGP = "192.0.2.2";
    static final String GOBGP_BLOCK = "10.244.2.0/26";
    /** GoBGP makes its first connection 5–10 s after start (bgp-facts.md trap 5). */
    static final Duration UP = Duration.ofSeconds(30);

    GoBgp gobgp;

    @BeforeEach
    void topology() {
        link(US, "gobgp", GOBGP);
    }

    void start(GoBgp.Options o, String peerSpec) throws Exception {
        gobgp = new GoBgp(peerNs, dir, o);
        peer = gobgp;
        gobgp.start(GOBGP_BLOCK);
        startSpeaker(peerSpec);
    }

    void awaitRoutesBothWays() {
        await().atMost(UP).until(() -> speaker.count(l -> l.startsWith(Speaker.add(GOBGP_BLOCK, GOBGP))) > 0);
        await().atMost(UP).until(() -> gobgp.rib().contains(OUR_BLOCK));
        assertThat(gobgp.rib()).containsPattern(OUR_BLOCK.replace(".", "\\.") + "\\s+" + US.replace(".", "\\."));
    }

    @Test
    void weConnectToAPassiveGoBgpAndRoutesFlowBothWaysThenWithdraw() throws Exception {
        start(GoBgp.options(GOBGP, GOBGP_BLOCK, US).passiveOn(), GOBGP + ",connect-retry=1");
        awaitRoutesBothWays();
        speaker.command("withdraw " + OUR_BLOCK);
        await().atMost(Duration.ofSeconds(5)).until(() -> !gobgp.rib().contains(OUR_BLOCK));
    }

    @Test
    void goBgpConnectsToUsWhenWeArePassive() throws Exception {
        start(GoBgp.options(GOBGP, GOBGP_BLOCK, US), GOBGP + ",passive");
        awaitRoutesBothWays();
        assertThat(peerConnectedToUs(US)).isTrue();
    }

    @Test
    void goBgpKeepsOurRouteWhileWeRestart() throws Exception {
        start(GoBgp.options(GOBGP, GOBGP_BLOCK, US).passiveOn(), GOBGP + ",connect-retry=1");
        awaitRoutesBothWays();
        speaker.exit("restart"); // no NOTIFICATION: GoBGP, as graceful-restart helper, keeps our route stale
        await().atMost(Duration.ofSeconds(10)).until(() -> !gobgp.established());
        assertThat(gobgp.rib()).contains(OUR_BLOCK);
        startSpeaker(GOBGP + ",connect-retry=1");
        await().atMost(UP).until(gobgp::established);
        await().atMost(Duration.ofSeconds(5)).until(() -> gobgp.rib().contains(OUR_BLOCK));
    }

    @Test
    void md5WithTheMatchingKeyEstablishes() throws Exception {
        start(
                GoBgp.options(GOBGP, GOBGP_BLOCK, US).passiveOn().withPassword("s3cret"),
                GOBGP + ",md5=s3cret,connect-retry=1");
        awaitRoutesBothWays();
    }

    @Test
    void aWithdrawFromGoBgpReachesUs() throws Exception {
        start(GoBgp.options(GOBGP, GOBGP_BLOCK, US).passiveOn(), GOBGP + ",connect-retry=1");
        awaitRoutesBothWays();
        gobgp.cli("global", "rib", "del", "-a", "ipv4", GOBGP_BLOCK);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> speaker.count(l -> l.startsWith(Speaker.withdraw(GOBGP_BLOCK))) == 1);
    }

    @Test
    void ipv6OverTheIpv4SessionFlowsBothWaysWithIpv6NextHops() throws Exception {
        gobgp = new GoBgp(
                peerNs, dir, GoBgp.options(GOBGP, GOBGP_BLOCK, US).passiveOn().withIpv6());
        peer = gobgp;
        gobgp.start(GOBGP_BLOCK);
        gobgp.cli("global", "rib", "add", "-a", "ipv6", "2001:db8:2::/64", "nexthop", "2001:db8::2");
        startSpeaker(GOBGP + ",connect-retry=1", "--announce", "2001:db8:100::/64,nexthop=2001:db8::100");
        await().atMost(UP)
                .until(() -> speaker.count(l -> l.startsWith(Speaker.add("2001:db8:2::/64", "2001:db8::2"))) == 1);
        await().atMost(UP).until(() -> gobgp.rib6().contains("2001:db8:100::/64"));
        assertThat(gobgp.rib6()).containsPattern("2001:db8:100::/64\\s+2001:db8::100\\s");
        assertThat(gobgp.rib()).contains(OUR_BLOCK);

        speaker.command("withdraw 2001:db8:100::/64");
        await().atMost(Duration.ofSeconds(5)).until(() -> !gobgp.rib6().contains("2001:db8:100::/64"));
        gobgp.cli("global", "rib", "del", "-a", "ipv6", "2001:db8:2::/64");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> speaker.count(l -> l.startsWith(Speaker.withdraw("2001:db8:2::/64"))) == 1);
    }
}
