package dev.brindle.cni.it;

import dev.brindle.cni.json.JsonReader;
import dev.brindle.cni.json.JsonValues;
import dev.brindle.cni.json.JsonWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What libcni does with a conflist (cni-facts.md §1.3, §1.6), in a few lines: each plugin's stdin is its object
 * plus {@code cniVersion}, {@code name}, {@code prevResult} (the previous plugin's result on ADD, the cached final
 * result on CHECK and DEL) and {@code runtimeConfig} holding the capability args it declares; DEL runs in reverse.
 */
final class ConflistDriver {
    private final CniHarness h;
    private final Map<String, Object> conflist;
    private final Map<String, Object> capabilityArgs;

    ConflistDriver(CniHarness h, String conflist, Map<String, Object> capabilityArgs) {
        this.h = h;
        this.conflist = JsonReader.parseObject(conflist);
        this.capabilityArgs = capabilityArgs;
    }

    /** Runs ADD through the chain; returns the final result, or the first failure. */
    CniHarness.Invocation add(String id, String netns, String args) {
        String prev = null;
        CniHarness.Invocation last = null;
        for (Map<String, Object> plugin : plugins()) {
            last = invoke(plugin, "ADD", prev, id, netns, args);
            if (last.exit() != 0) {
                return last;
            }
            prev = last.stdout();
        }
        return last;
    }

    /** CHECK of every plugin in order, each given the final ADD result; the answers by plugin type. */
    Map<String, CniHarness.Invocation> check(String id, String netns, String args, String result) {
        Map<String, CniHarness.Invocation> out = new LinkedHashMap<>();
        for (Map<String, Object> plugin : plugins()) {
            out.put((String) plugin.get("type"), invoke(plugin, "CHECK", result, id, netns, args));
        }
        return out;
    }

    CniHarness.Invocation del(String id, String netns, String args, String result) {
        CniHarness.Invocation last = null;
        for (Map<String, Object> plugin : plugins().reversed()) {
            last = invoke(plugin, "DEL", result, id, netns, args);
            if (last.exit() != 0) {
                return last;
            }
        }
        return last;
    }

    private List<Map<String, Object>> plugins() {
        return JsonValues.objects(conflist, "plugins");
    }

    private CniHarness.Invocation invoke(
            Map<String, Object> plugin, String command, String prev, String id, String netns, String args) {
        Map<String, Object> stdin = new LinkedHashMap<>(plugin);
        stdin.put("cniVersion", conflist.get("cniVersion"));
        stdin.put("name", conflist.get("name"));
        Map<String, Object> runtimeConfig = new LinkedHashMap<>();
        JsonValues.object(plugin, "capabilities")
                .ifPresent(caps -> caps.forEach((k, on) -> {
                    if (Boolean.TRUE.equals(on) && capabilityArgs.containsKey(k)) {
                        runtimeConfig.put(k, capabilityArgs.get(k));
                    }
                }));
        if (!runtimeConfig.isEmpty()) {
            stdin.put("runtimeConfig", runtimeConfig);
        }
        if (prev != null) {
            stdin.put("prevResult", JsonReader.parse(prev));
        }
        return h.invoke((String) plugin.get("type"), command, JsonWriter.write(stdin), id, netns, args);
    }
}
