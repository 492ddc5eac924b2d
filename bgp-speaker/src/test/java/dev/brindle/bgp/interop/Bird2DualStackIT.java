package dev.brindle.bgp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brindle.lab.junit.Needs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our speaker against BIRD 2 the way Calico runs a dual-stack node: an IPv4 session carrying IPv4 unicast and an
 * IPv6 session carrying IPv6 unicast (RFC 4760 MP_REACH/MP_UNREACH, RFC 2545 next hops), with enhanced route refresh
 * (RFC 7313) on both sides (BIRD 2.0.12 announces it by default, capability 70). BIRD logs its packets so the test can see the Begin/End-of-RIB markers.
 */
@Needs(
        root = true,
        commands = {"ip", "bird", "birdc"})
class Bird2DualStackIT extends InteropFixture {
    static final String BIRD = "192.0.2.1";
    static final String BIRD6 = "2001:db8::1";
    static final String US6 = "2001:db8::100";
    static final String OUR_V6_SELF = "2001:db8:100::/64";
    static final String OUR_V6_EXPLICIT = "2001:db8:200::/64";
    static final String BIRD_V6 = "2001:db8:1::/64";
    static final String BIRD_V4 = "10.244.1.0/26";
    static final String BIRD_V4_DROPPED = "10.244.2.0/26";
    static final Duration UP = Duration.ofSeconds(20);

    Path conf;
    Daemon bird;

    @BeforeEach
    void topology() throws Exception {
        link(US, "bird", BIRD);
        // nodad: the addresses are usable at once instead of after duplicate address detection.
        Shell.run("ip", "-n", dutNs, "addr", "add", US6 + "/64", "dev", "ul0", "nodad");
        Shell.run("ip", "-n", peerNs, "addr", "add", BIRD6 + "/64", "dev", "ul0", "nodad");
        conf = dir.resolve("bird.conf");
        Files.writeString(conf, config(true));
        bird = Daemon.start(
                peerNs, dir.resolve("bird.log"), "bird", "-f", "-c", conf.toString(), "-s", ctl().toString());
        peer = bird;
        startOurs();
    }

    void startOurs() {
        startSpeaker(
                BIRD + ",hold=9",
                "--peer",
                "[" + BIRD6 + "],hold=9",
                "--announce",
                OUR_V6_SELF,
                "--announce",
                OUR_V6_EXPLICIT + ",nexthop=" + US6);
    }

    Path ctl() {
        return dir.resolve("bird.ctl");
    }

    String birdc(String... args) {
        java.util.List<String> cmd = new java.util.ArrayList<>(
                java.util.List.of("ip", "netns", "exec", peerNs, "birdc", "-s", ctl().toString()));
        cmd.addAll(java.util.List.of(args));
        return Shell.tryRun(cmd.toArray(String[]::new)).output();
    }

    String birdLog() throws Exception {
        return Files.readString(dir.resolve("bird.log"));
    }

    static String config(boolean exportDropped) {
        return """
                router id 192.0.2.1;
                log stderr all;
                debug protocols { states, packets };
                filter to_peers {
                  if net = 10.244.1.0/26 then accept;
                  %s
                  if net = 2001:db8:1::/64 then accept;
                  reject;
                }
                protocol device { scan time 2; }
                protocol direct { ipv4; ipv6; interface "ul0"; }
                protocol kernel k4 { learn; scan time 2; ipv4 { import all; export all; }; }
                protocol kernel k6 { learn; scan time 2; ipv6 { import all; export all; }; }
                protocol static s4 { ipv4; route 10.244.1.0/26 blackhole; route 10.244.2.0/26 blackhole; }
                protocol static s6 { ipv6; route 2001:db8:1::/64 blackhole; }
                protocol bgp Mesh_v4 {
                  local 192.0.2.1 as 64512; neighbor 192.0.2.100 as 64512; passive on;
                  ipv4 { import all; export filter to_peers; };
                  graceful restart; hold time 9;
                }
                protocol bgp Mesh_v6 {
                  local 2001:db8::1 as 64512; neighbor 2001:db8::100 as 64512; passive on;
                  ipv6 { import all; export filter to_peers; };
                  graceful restart; hold time 9;
                }
                """.formatted(exportDropped ? "if net = 10.244.2.0/26 then accept;" : "");
    }

    @Test
    void ipv6PrefixesFlowBothWaysOverTheIpv6SessionWithTheRightNextHops() throws Exception {
        await().atMost(UP).until(() -> speaker.count(l -> l.startsWith(Speaker.add(BIRD_V6, BIRD6))) == 1);
        await().atMost(UP).until(() -> {
            String routes = Shell.run("ip", "-n", peerNs, "-6", "route", "show");
            return routes.contains(OUR_V6_SELF + " via " + US6) && routes.contains(OUR_V6_EXPLICIT + " via " + US6);
        });
        assertThat(birdc("show", "route", "all", OUR_V6_SELF))
                .contains("Mesh_v6")
                .contains("BGP.next_hop: " + US6);
        // IPv4 stays on the IPv4 session: BIRD's IPv6 session never carried our IPv4 block, and vice versa.
        await().atMost(UP).until(() -> Netns.routes(peerNs).contains(OUR_BLOCK + " via " + US));
        assertThat(birdc("show", "route", "protocol", "Mesh_v4")).doesNotContain("2001:db8");
        assertThat(speaker.count(l -> l.startsWith(Speaker.add(BIRD_V4, BIRD)))).isEqualTo(1);

        speaker.command("withdraw " + OUR_V6_SELF);
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        !Shell.run("ip", "-n", peerNs, "-6", "route", "show").contains(OUR_V6_SELF));
        assertThat(Shell.run("ip", "-n", peerNs, "-6", "route", "show")).contains(OUR_V6_EXPLICIT);
    }

    @Test
    void enhancedRouteRefreshBracketsOurAnswerAndBirdsRefreshRemovesWhatItNoLongerSends() throws Exception {
        await().atMost(UP).until(() -> speaker.count(l -> l.startsWith(Speaker.add(BIRD_V4_DROPPED, BIRD))) == 1);
        await().atMost(UP).until(() -> Netns.routes(peerNs).contains(OUR_BLOCK + " via " + US));

        birdc("reload", "in", "Mesh_v4");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> birdLog().contains("Mesh_v4: Got BEGIN-OF-RR")
                        && birdLog().contains("Mesh_v4: Got END-OF-RR"));
        assertThat(Netns.routes(peerNs)).contains(OUR_BLOCK + " via " + US);

        // BIRD stops exporting one route without a session reset; its refresh (BoRR … EoRR) must leave us without it.
        Files.writeString(conf, config(false));
        birdc("configure", "soft");
        birdc("reload", "out", "Mesh_v4");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> speaker.count(l -> l.startsWith(Speaker.withdraw(BIRD_V4_DROPPED))) == 1);
        assertThat(birdLog()).contains("Mesh_v4: Sending BEGIN-OF-RR").contains("Mesh_v4: Sending END-OF-RR");
        assertThat(speaker.count(l -> l.startsWith(Speaker.add(BIRD_V4, BIRD)))).isEqualTo(1);
        assertThat(speaker.count(l -> l.startsWith(Speaker.withdraw(BIRD_V4)))).isZero();
        assertThat(speaker.count(Speaker.session(BIRD, "Established"))).isEqualTo(1);
    }

    @Test
    void afterARestartWeSendNothingBeforeBirdsEndOfRibOnBothSessions() throws Exception {
        await().atMost(UP).until(() -> Netns.routes(peerNs).contains(OUR_BLOCK + " via " + US));
        speaker.exit("restart");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> birdc("show", "protocols", "all", "Mesh_v4").contains("Neighbor graceful restart active"));
        int mark = birdLog().length();
        startOurs();
        await().atMost(UP).until(() -> birdLog().substring(mark).contains("Mesh_v4: Got END-OF-RIB"));
        // RFC 4724 §4.1: we restarted (R bit), BIRD did not, so our first UPDATE waits for BIRD's End-of-RIB on
        // both sessions; BIRD kept our routes all along.
        String after = birdLog().substring(mark);
        int firstUpdateToBird = after.indexOf(": Got UPDATE");
        assertThat(firstUpdateToBird).isPositive();
        assertThat(after.indexOf("Mesh_v4: Sending END-OF-RIB")).isBetween(0, firstUpdateToBird);
        assertThat(after.indexOf("Mesh_v6: Sending END-OF-RIB")).isBetween(0, firstUpdateToBird);
        assertThat(Netns.routes(peerNs)).contains(OUR_BLOCK + " via " + US);
        assertThat(Shell.run("ip", "-n", peerNs, "-6", "route", "show")).contains(OUR_V6_SELF + " via " + US6);
    }
}
