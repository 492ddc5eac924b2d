package dev.brindle.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * fabric8's CRUD mock API server, taught the one field selector kube-apiserver serves that it does not: {@code
 * spec.nodeName} on a list of pods (the mock matches field selectors on metadata.name and metadata.namespace only, and
 * answers an empty list for any other). It can also refuse pods with 403, as an API server would without the RBAC
 * rule.
 */
final class NodeSelectingCrudDispatcher extends KubernetesCrudDispatcher {
    private static final String NODE_NAME = "spec.nodeName=";
    private static final String FORBIDDEN =
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403,"
                    + "\"message\":\"pods is forbidden: User cannot list resource \\\"pods\\\" at the cluster scope\"}";

    private final ObjectMapper mapper = new ObjectMapper();
    private volatile boolean podsForbidden;
    /** The query strings of the pod lists asked for, decoded, in order. */
    final List<String> podLists = new CopyOnWriteArrayList<>();

    void forbidPods() {
        podsForbidden = true;
    }

    @Override
    public MockResponse handleGet(String path) {
        if (!path.startsWith("/api/v1/pods?") && !path.equals("/api/v1/pods")) {
            return super.handleGet(path);
        }
        podLists.add(URLDecoder.decode(path.substring(path.indexOf('?') + 1), StandardCharsets.UTF_8));
        if (podsForbidden) {
            return new MockResponse().setResponseCode(403).setBody(FORBIDDEN);
        }
        String selector = query(path, "fieldSelector");
        if (!selector.startsWith(NODE_NAME)) {
            return super.handleGet(path);
        }
        String node = selector.substring(NODE_NAME.length());
        MockResponse all = super.handleGet("/api/v1/pods");
        try {
            ObjectNode list = (ObjectNode) mapper.readTree(all.getBody().readUtf8());
            ArrayNode kept = mapper.createArrayNode();
            for (JsonNode pod : list.withArray("items")) {
                if (node.equals(pod.path("spec").path("nodeName").asText())) {
                    kept.add(pod);
                }
            }
            list.set("items", kept);
            return all.setBody(mapper.writeValueAsString(list));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A query parameter's decoded value, or "". */
    private static String query(String path, String name) {
        int q = path.indexOf('?');
        if (q < 0) {
            return "";
        }
        for (String pair : path.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }
}
