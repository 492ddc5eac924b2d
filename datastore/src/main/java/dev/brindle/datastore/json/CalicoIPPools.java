package dev.brindle.datastore.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brindle.datastore.resource.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a Calico IPPool document into a brindle one (calico-facts §3). The spec's field names are the same; what
 * differs is the wrapper: the apiVersion, server-set metadata (dropped, the store sets its own), the status, and the
 * legacy {@code ipip: {enabled, mode}} / {@code nat-outgoing} fields, mapped to ipipMode / natOutgoing.
 */
final class CalicoIPPools {
    private static final Set<String> API_VERSIONS = Set.of("projectcalico.org/v3", "crd.projectcalico.org/v1");
    private static final String CALICO_METADATA_ANNOTATION = "projectcalico.org/metadata";

    private CalicoIPPools() {}

    static boolean handles(String apiVersion) {
        return API_VERSIONS.contains(apiVersion);
    }

    static LocatedTree toBrindle(LocatedTree doc, String source, int index) {
        JsonNode root = doc.root();
        var problems = new ArrayList<Problem>();
        String kind = root.path("kind").asText("");
        if (!kind.equals("IPPool")) {
            problems.add(new Problem(
                    "kind",
                    doc.lineOf("kind"),
                    "of the Calico resources brindle takes only IPPool, got '" + kind + "' ("
                            + root.path("apiVersion").asText() + ")"));
        }
        ObjectNode out = root.deepCopy();
        out.put("apiVersion", Kind.API_VERSION);
        out.remove("status");
        out.set("metadata", metadata(root.path("metadata")));
        if (root.path("spec") instanceof ObjectNode spec) {
            out.set("spec", spec(spec.deepCopy(), doc, problems));
        }
        if (!problems.isEmpty()) {
            throw new DocumentException(source, index, problems);
        }
        return new LocatedTree(out, doc.lines());
    }

    private static ObjectNode metadata(JsonNode in) {
        ObjectNode m = ResourceCodec.mapper().createObjectNode();
        if (in.has("name")) {
            m.set("name", in.get("name"));
        }
        if (in.has("labels")) {
            m.set("labels", in.get("labels"));
        }
        if (in.get("annotations") instanceof ObjectNode annotations) {
            ObjectNode kept = annotations.deepCopy();
            kept.remove(CALICO_METADATA_ANNOTATION);
            if (!kept.isEmpty()) {
                m.set("annotations", kept);
            }
        }
        return m;
    }

    private static ObjectNode spec(ObjectNode spec, LocatedTree doc, List<Problem> problems) {
        JsonNode ipip = spec.remove("ipip");
        if (ipip != null && !spec.has("ipipMode")) {
            boolean enabled = ipip.path("enabled").asBoolean(true);
            String mode = ipip.path("mode").asText("always");
            spec.put("ipipMode", !enabled ? "Never" : mode.equals("cross-subnet") ? "CrossSubnet" : "Always");
        }
        JsonNode nat = spec.remove("nat-outgoing");
        if (nat != null && !spec.has("natOutgoing")) {
            spec.set("natOutgoing", nat);
        }
        JsonNode namespaceSelector = spec.remove("namespaceSelector");
        if (namespaceSelector != null && !namespaceSelector.asText("").isBlank()) {
            problems.add(new Problem(
                    "spec.namespaceSelector",
                    doc.lineOf("spec.namespaceSelector"),
                    "is not supported by brindle (pools select nodes only); remove it"));
        }
        return spec;
    }
}
