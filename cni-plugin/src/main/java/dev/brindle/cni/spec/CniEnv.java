package dev.brindle.cni.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code CNI_*} environment of one invocation. libcni always sets all six variables, with empty strings where
 * there is no value ({@code CNI_NETNS=} on GC, or on DEL once the netns is gone), so an empty value counts as unset.
 */
public record CniEnv(
        Command command,
        Optional<String> containerId,
        Optional<String> netns,
        Optional<String> ifName,
        CniArgs args,
        List<String> path) {

    /** pkg/utils ValidateContainerID / ValidateNetworkName: alphanumeric first, then [A-Za-z0-9_.-]. */
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");

    public CniEnv {
        path = List.copyOf(path);
    }

    /** Reads the environment; only {@code CNI_COMMAND} is required here, the rest per command in {@link #require}. */
    public static CniEnv from(Map<String, String> env) {
        String command = value(env, "CNI_COMMAND")
                .orElseThrow(() -> new CniError(CniError.INVALID_ENV, "required env variables [CNI_COMMAND] missing"));
        List<String> path = new ArrayList<>();
        value(env, "CNI_PATH").ifPresent(p -> {
            for (String dir : p.split(":")) {
                if (!dir.isEmpty()) {
                    path.add(dir);
                }
            }
        });
        return new CniEnv(
                Command.parse(command),
                value(env, "CNI_CONTAINERID"),
                value(env, "CNI_NETNS"),
                value(env, "CNI_IFNAME"),
                CniArgs.parse(value(env, "CNI_ARGS").orElse("")),
                path);
    }

    private static Optional<String> value(Map<String, String> env, String key) {
        String v = env.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /**
     * Checks the variables the spec requires for this command (SPEC.md "Parameters"): ADD and CHECK need
     * CONTAINERID, NETNS and IFNAME; DEL needs CONTAINERID and IFNAME (NETNS is optional on DEL); the others need
     * nothing beyond the command. The error names every missing variable, as the spec asks.
     */
    public void require() {
        List<String> missing = new ArrayList<>();
        boolean addOrCheck = command == Command.ADD || command == Command.CHECK;
        if (addOrCheck || command == Command.DEL) {
            if (containerId.isEmpty()) {
                missing.add("CNI_CONTAINERID");
            }
            if (addOrCheck && netns.isEmpty()) {
                missing.add("CNI_NETNS");
            }
            if (ifName.isEmpty()) {
                missing.add("CNI_IFNAME");
            }
        }
        if (!missing.isEmpty()) {
            throw new CniError(CniError.INVALID_ENV, "required env variables " + missing + " missing");
        }
        containerId.ifPresent(CniEnv::validateContainerId);
        ifName.ifPresent(CniEnv::validateIfName);
    }

    static void validateContainerId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new CniError(
                    CniError.INVALID_ENV,
                    "invalid CNI_CONTAINERID \"" + id + "\": it must start with a letter or digit and contain only"
                            + " letters, digits, '_', '.' and '-'");
        }
    }

    /** pkg/utils ValidateInterfaceName: 1–15 bytes (IFNAMSIZ), not "." or "..", no '/', ':' or whitespace. */
    static void validateIfName(String name) {
        boolean bad = name.length() > 15
                || name.equals(".")
                || name.equals("..")
                || name.chars().anyMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c));
        if (bad) {
            throw new CniError(
                    CniError.INVALID_ENV,
                    "invalid CNI_IFNAME \"" + name + "\": an interface name has 1 to 15 characters, is not '.' or"
                            + " '..' and has no '/', ':' or whitespace");
        }
    }

    /** The network name rule, shared with the config check. */
    public static boolean isValidNetworkName(String name) {
        return ID.matcher(name).matches();
    }

    public String requiredContainerId() {
        return containerId.orElseThrow();
    }

    public String requiredIfName() {
        return ifName.orElseThrow();
    }
}
