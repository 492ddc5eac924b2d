package dev.brindle.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brindle.datastore.resource.Kind;
import java.util.List;
import java.util.Set;

/**
 * Turns a Calico IPPool document ({@code projectcalico.org/v3} or {@code crd.projectcalico.org/v1}, which share the
 * spec, calico-facts.md §3) into a brindle IPPool document. Metadata keeps name, labels and annotations (a server's
 * bookkeeping — resourceVersion, uid, timestamps — is dropped). The spec is carried over field for field; the legacy
 * v1 fields {@code ipip: {enabled, mode}} and {@code nat-outgoing} are converted; {@code namespaceSelector} is
 * dropped with a warning because brindle does not select pools by namespace.
 */
final class CalicoIpPool {
    static final Set<String> API_VERSIONS = Set.of("projectcalico.org/v3", "crd.projectcalico.org/v1");

    private CalicoIpPool() {}

    static boolean isCalico(JsonNode doc) {
        return API_VERSIONS.contains(doc.path("apiVersion").asText())
                && "IPPool".equals(doc.path("kind").asText());
    }

    /** The brindle document, and warnings about what was dropped. */
    record Converted(ObjectNode doc, List<String> warnings) {}

    static Converted convert(JsonNode calico) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode doc = f.objectNode();
        doc.put("apiVersion", Kind.API_VERSION);
        doc.put("kind", "IPPool");
        ObjectNode meta = doc.putObject("metadata");
        JsonNode m = calico.path("metadata");
        for (String keep : List.of("name", "labels", "annotations")) {
            if (m.has(keep)) {
                meta.set(keep, m.get(keep));
            }
        }
        ObjectNode spec = doc.putObject("spec");
        JsonNode s = calico.path("spec");
        List<String> warnings = new java.util.ArrayList<>();
        s.fieldNames().forEachRemaining(field -> {
            switch (field) {
                case "ipip" -> legacyIpip(s.get("ipip"), spec);
                case "nat-outgoing" -> spec.set("natOutgoing", s.get(field));
                case "namespaceSelector" ->
                    warnings.add("IPPool " + m.path("name").asText()
                            + ": spec.namespaceSelector is not supported by brindle and was dropped");
                default -> spec.set(field, s.get(field));
            }
        });
        if (spec.path("ipipMode").isTextual() && spec.get("ipipMode").asText().isEmpty()) {
            spec.put("ipipMode", "Never");
        }
        if (spec.path("vxlanMode").isTextual() && spec.get("vxlanMode").asText().isEmpty()) {
            spec.put("vxlanMode", "Never");
        }
        return new Converted(doc, warnings);
    }

    /** API v1's {@code ipip: {enabled: true, mode: always|cross-subnet}}. */
    private static void legacyIpip(JsonNode ipip, ObjectNode spec) {
        if (!ipip.path("enabled").asBoolean(false)) {
            spec.put("ipipMode", "Never");
            return;
        }
        spec.put("ipipMode", "cross-subnet".equals(ipip.path("mode").asText()) ? "CrossSubnet" : "Always");
    }
}
