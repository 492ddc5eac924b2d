package dev.brindle.cni.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.lab.Namespace;
import dev.brindle.lab.junit.Needs;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every case of {@link BrindleIT} again, with bin/brindle's shim handing the calls to the plugin hosted in a
 * resident process (the node agent's op {@code cni}, here {@link HostedCniFixture}): the same kernel state, results,
 * error codes and leftovers as the JVM plugin, which is what lets the agent serve them.
 */
@Needs(
        root = true,
        commands = {"ip", "ping", "/usr/lib/cni/host-local"})
class BrindleHostedIT extends BrindleIT {
    /**
     * BrindleIT's harness, with the hosted plugin listening in the node namespace. (This was a second harness made in
     * a static method of the same name, meant to hide BrindleIT's; JUnit ran both, and the first one's temp dir was
     * never removed.)
     */
    @BeforeAll
    static void hostThePlugin() {
        h.hostPlugin();
    }

    @Test
    void callsReachTheHostedPluginNotTheJvmOne() throws Exception {
        Namespace pod = h.pod("hosted");
        String conf = h.conf("1.0.0", "10.244.8.0/24", "");
        String args = "IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=hosted";
        CniHarness.Invocation add =
                h.invoke("brindle", "ADD", conf, "chosted", pod.path().toString(), args);
        assertThat(add.exit()).as(add.toString()).isZero();
        assertThat(add.stderr()).contains("ADD brindle-it chosted: exit 0 (served by the node agent)");
        CniHarness.Invocation del =
                h.invoke("brindle", "DEL", conf, "chosted", pod.path().toString(), args);
        assertThat(del.exit()).as(del.toString()).isZero();
        assertThat(del.stderr()).contains("(served by the node agent)");
        assertThat(Files.readString(h.dir.resolve("hosted.log"))).doesNotContain("HostedCniFixture:");
    }
}
