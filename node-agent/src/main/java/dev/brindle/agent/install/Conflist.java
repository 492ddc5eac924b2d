package dev.brindle.agent.install;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the conflist template (the ConfigMap's {@code cni_network_config}) the way Calico's install-cni does
 * (calico-facts §7.2): {@code __NAME__} placeholders replaced, then checked, so that a broken ConfigMap fails the
 * init container instead of leaving the kubelet with a conflist every pod ADD rejects.
 */
final class Conflist {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("__[A-Z][A-Z0-9_]*__");

    private Conflist() {}

    /** The template with every placeholder replaced from {@code values}; any other placeholder is an error. */
    static String render(String template, Map<String, String> values) throws InstallException {
        StringBuilder out = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            String value = values.get(m.group());
            if (value == null) {
                throw new InstallException("the conflist template uses " + m.group() + ", which install-cni does"
                        + " not know; it replaces " + values.keySet());
            }
            // Values land inside JSON strings: escape them as JSON would (quotes dropped).
            String escaped = jsonString(value);
            m.appendReplacement(out, Matcher.quoteReplacement(escaped.substring(1, escaped.length() - 1)));
        }
        m.appendTail(out);
        String rendered = out.toString();
        check(rendered);
        return rendered;
    }

    /** A conflist (CNI spec "Network configuration lists") whose first plugin is brindle with an IPAM type. */
    static void check(String conflist) throws InstallException {
        JsonNode root;
        try {
            root = JSON.readTree(conflist);
        } catch (JsonProcessingException e) {
            throw new InstallException("the conflist is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null
                || !root.path("name").isTextual()
                || !root.path("cniVersion").isTextual()) {
            throw new InstallException("the conflist needs \"name\" and \"cniVersion\" strings");
        }
        JsonNode plugins = root.path("plugins");
        if (!plugins.isArray() || plugins.isEmpty()) {
            throw new InstallException("the conflist needs a non-empty \"plugins\" array (brindle, then portmap)");
        }
        JsonNode first = plugins.get(0);
        if (!"brindle".equals(first.path("type").asText())) {
            throw new InstallException(
                    "the conflist's first plugin must be \"type\": \"brindle\", not " + first.path("type"));
        }
        if (first.path("ipam").path("type").asText().isEmpty()) {
            throw new InstallException("the brindle plugin needs \"ipam\": {\"type\": \"brindle-ipam\"}");
        }
    }

    private static String jsonString(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
