package dev.brindle.cni.aot;

import dev.brindle.cni.Entry;
import dev.brindle.cni.Main;
import dev.brindle.cni.ipam.IpamMain;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The training run for the JDK 25 AOT cache (JEP 483/514/515), run at package time by {@code src/aot/train.sh}: it
 * drives the plugin through what a runtime does — VERSION, ADD, CHECK, DEL twice, STATUS, GC and the usual errors
 * — so that every class those paths load is in the cache, linked and profiled. With a pod netns path it does a
 * real ADD/DEL (root, inside a throw-away node namespace); without one, only the paths that need no kernel.
 *
 * <p>Arguments: {@code <CNI_PATH> <host-local dataDir> [pod netns path]}.
 */
public final class AotTraining {
    private AotTraining() {}

    public static void main(String[] args) {
        String cniPath = args[0];
        String dataDir = args[1];
        String netns = args.length > 2 ? args[2] : "";
        var quiet = new PrintStream(OutputStream.nullOutputStream());
        Runner brindle = (env, stdin, out) -> Entry.run(Main.plugin(), env, stdin, out);
        Runner ipam = (env, stdin, out) -> Entry.run(IpamMain.plugin(), env, stdin, out);
        String conf = "{\"cniVersion\":\"1.0.0\",\"name\":\"aot\",\"type\":\"brindle\",\"mtu\":1400,"
                + "\"ipam\":{\"type\":\"host-local\",\"subnet\":\"10.250.0.0/24\",\"dataDir\":\"" + dataDir + "\"}}";
        String agentConf = "{\"cniVersion\":\"1.1.0\",\"name\":\"aot\",\"type\":\"brindle\",\"agent_socket\":\""
                + dataDir + "/no-agent.sock\",\"ipam\":{\"type\":\"brindle-ipam\"}}";
        int rounds = netns.isEmpty() ? 1 : 3;
        for (int i = 0; i < rounds; i++) {
            String id = "aot" + i;
            brindle.run(env("VERSION", id, "", cniPath), "{\"cniVersion\":\"1.0.0\"}", quiet);
            if (!netns.isEmpty()) {
                int rc = brindle.run(env("ADD", id, netns, cniPath), conf, quiet);
                System.err.println("aot training: ADD " + id + " exit " + rc);
                brindle.run(env("ADD", id, netns, cniPath), conf, quiet);
            }
            brindle.run(env("DEL", id, netns, cniPath), conf, quiet);
            brindle.run(env("DEL", id, "", cniPath), conf, quiet);
            brindle.run(env("ADD", id, "/proc/self/ns/mnt", cniPath), conf, quiet);
            brindle.run(env("ADD", id, netns, cniPath), "{bad json", quiet);
            brindle.run(env("ADD", id, netns, cniPath), conf.replace("1.0.0", "9.9.9"), quiet);
            brindle.run(env("STATUS", id, "", cniPath), agentConf, quiet);
            brindle.run(env("GC", id, "", cniPath), agentConf, quiet);
            ipam.run(env("ADD", id, netns, cniPath), agentConf, quiet);
        }
    }

    /** One invocation through the same code path as the binaries. */
    private interface Runner {
        int run(Map<String, String> env, String stdin, PrintStream stdout);
    }

    private static Map<String, String> env(String command, String id, String netns, String cniPath) {
        Map<String, String> env = new HashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", id);
        env.put("CNI_NETNS", netns);
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_ARGS", "K8S_POD_NAMESPACE=aot;K8S_POD_NAME=" + id);
        env.put("CNI_PATH", cniPath);
        return env;
    }
}
