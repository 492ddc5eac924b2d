package dev.brindle.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpFamily;
import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.Datastore;
import dev.brindle.ipam.AllocationAttributes;
import dev.brindle.ipam.Allocator;
import dev.brindle.ipam.AssignRequest;
import dev.brindle.ipam.BatchedRequests;
import dev.brindle.ipam.GarbageCollector;
import dev.brindle.ipam.IntendedUse;
import dev.brindle.ipam.IpamException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request of the agent socket protocol ({@code docs/agent-socket.md}): {@code assign}, {@code release},
 * {@code check}, {@code gc}, {@code status}. Requests that change IPAM state are serialised per node, as Calico's CNI
 * serialises them with a host-local lock: concurrent ADDs on one node would otherwise only fight over the same block.
 */
public final class IpamService {
    private static final Logger log = LoggerFactory.getLogger(IpamService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String node;
    private final Allocator allocator;
    private final GarbageCollector gc;
    private final Supplier<AgentStatus> status;
    private final Clock clock;
    private final BatchedAttachments attachments;
    private final BatchedRequests requests;

    /** Whether the agent can serve: in sync with the datastore, with a reason when not, and the pod MTU. */
    public record AgentStatus(boolean ready, String reason, int mtu) {}

    public IpamService(
            String node,
            Allocator allocator,
            GarbageCollector gc,
            Supplier<AgentStatus> status,
            Attachments attachments,
            Clock clock) {
        this.node = node;
        this.attachments = new BatchedAttachments(attachments);
        this.allocator = allocator;
        // A batch's attachments are written when it ends, still under the store's lock and before its one sync.
        this.requests = new BatchedRequests(node, allocator::deferSync, () -> {
            Datastore.WriteBatch writes = allocator.writeBatch();
            return () -> {
                try {
                    this.attachments.flush();
                } finally {
                    writes.close();
                }
            };
        });
        this.gc = gc;
        this.status = status;
        this.clock = clock;
    }

    /** One JSON request in, one JSON answer out; never throws. */
    public ObjectNode handle(JsonNode request) {
        try {
            String op = text(request, "op", null);
            if (op == null) {
                throw IpamException.invalid("request has no \"op\"");
            }
            return switch (op) {
                case "status" -> status();
                case "assign" -> locked(() -> assign(request));
                case "release" -> locked(() -> release(request));
                case "check" -> check(request);
                case "gc" -> locked(() -> gc(request));
                default -> throw IpamException.invalid("unknown op \"" + op + "\"");
            };
        } catch (IpamException e) {
            log.warn("request {} failed: {}", request.path("op").asText(), e.getMessage());
            return error(e.code(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(IpamException.INVALID_REQUEST, e.getMessage());
        } catch (RuntimeException e) {
            log.error("request {} failed", request.path("op").asText(), e);
            return error(IpamException.TRY_AGAIN_LATER, "internal error: " + e);
        }
    }

    public static ObjectNode error(int code, String msg) {
        ObjectNode out = JSON.createObjectNode();
        out.put("ok", false);
        out.put("code", code);
        out.put("msg", msg);
        return out;
    }

    private ObjectNode locked(Supplier<ObjectNode> action) {
        AgentStatus s = status.get();
        if (!s.ready()) {
            throw IpamException.unavailable("node agent for " + node + " is not ready: " + s.reason());
        }
        // One at a time, in batches that share one journal sync: the answer leaves once its writes are on disk.
        return requests.run(action);
    }

    /**
     * Runs background IPAM work (GC, tunnel addresses) between requests, never during one: GC must not see an
     * allocation whose attachment is about to be recorded.
     */
    public void exclusive(Runnable work) {
        requests.run(() -> {
            attachments.flush(); // GC reads the record: it must list the batch's pods so far
            work.run();
            return null;
        });
    }

    private ObjectNode status() {
        AgentStatus s = status.get();
        ObjectNode out = ok();
        out.put("ready", s.ready());
        if (!s.ready()) {
            out.put("reason", s.reason());
        }
        out.put("node", node);
        out.put("mtu", s.mtu());
        return out;
    }

    private ObjectNode assign(JsonNode req) {
        String handle = required(req, "handle");
        String forNode = text(req, "node", node);
        if (!forNode.isEmpty() && !forNode.equals(node)) {
            // The socket belongs to this node, so this node's blocks are the right ones whatever the plugin's
            // nodename says (in a one-machine lab every node namespace shares one host name).
            log.debug("assign for {} names node {}; serving it as {}", handle, forNode, node);
        }
        List<AddressWithPrefix> held = allocator.addressesOf(handle);
        if (held.isEmpty()) {
            held = assignNew(req, handle);
        }
        ObjectNode out = ok();
        out.set("ips", ips(held));
        out.put("mtu", status.get().mtu());
        return out;
    }

    private List<AddressWithPrefix> assignNew(JsonNode req, String handle) {
        AllocationAttributes holder = new AllocationAttributes(handle, attributes(req));
        List<AddressWithPrefix> got = new ArrayList<>();
        try {
            for (JsonNode ip : req.path("ips")) {
                got.add(allocator.assignAddress(node, IpAddresses.parse(ip.asText()), holder));
            }
            if (got.isEmpty()) {
                List<IpPrefix> pools = new ArrayList<>();
                req.path("pools").forEach(p -> pools.add(IpPrefix.parse(p.asText())));
                got.addAll(allocator.assign(request(holder, IpFamily.V4, count(req, "ipv4", 1), pools)));
                got.addAll(allocator.assign(request(holder, IpFamily.V6, count(req, "ipv6", 0), pools)));
            }
        } catch (RuntimeException e) {
            allocator.releaseHandle(handle);
            throw e;
        }
        attachments.added(
                handle,
                text(req, "containerId", ""),
                text(req, "ifname", ""),
                text(req, "namespace", ""),
                text(req, "pod", ""));
        log.info("assigned {} to {}", got, handle);
        return got;
    }

    private AssignRequest request(AllocationAttributes holder, IpFamily family, int count, List<IpPrefix> pools) {
        List<IpPrefix> ofFamily =
                pools.stream().filter(p -> p.family() == family).toList();
        if (!pools.isEmpty() && ofFamily.isEmpty() && count > 0) {
            throw IpamException.invalid("pools " + pools + " has no IPv" + (family == IpFamily.V4 ? 4 : 6) + " pool");
        }
        return new AssignRequest(node, family, count, holder, IntendedUse.WORKLOAD, ofFamily);
    }

    private Map<String, String> attributes(JsonNode req) {
        Map<String, String> attrs = new HashMap<>();
        attrs.put(AllocationAttributes.NODE, node);
        attrs.put(AllocationAttributes.TIMESTAMP, clock.instant().toString());
        putIfSet(attrs, AllocationAttributes.CONTAINER_ID, text(req, "containerId", ""));
        putIfSet(attrs, AllocationAttributes.POD, text(req, "pod", ""));
        putIfSet(attrs, AllocationAttributes.NAMESPACE, text(req, "namespace", ""));
        putIfSet(attrs, "ifname", text(req, "ifname", ""));
        return attrs;
    }

    private static void putIfSet(Map<String, String> attrs, String key, String value) {
        if (!value.isEmpty()) {
            attrs.put(key, value);
        }
    }

    private ObjectNode release(JsonNode req) {
        String handle = required(req, "handle");
        List<String> freed = allocator.releaseHandle(handle);
        attachments.removed(handle);
        log.info("released {} of {}", freed, handle);
        ObjectNode out = ok();
        ArrayNode list = out.putArray("released");
        freed.forEach(list::add);
        return out;
    }

    private ObjectNode check(JsonNode req) {
        ObjectNode out = ok();
        out.set("ips", ips(allocator.addressesOf(required(req, "handle"))));
        return out;
    }

    private ObjectNode gc(JsonNode req) {
        String network = required(req, "network");
        Set<String> valid = new HashSet<>();
        req.path("validHandles").forEach(h -> valid.add(h.asText()));
        ObjectNode out = ok();
        ArrayNode list = out.putArray("released");
        gc.releaseExcept(node, network, valid).forEach((handle, freed) -> {
            attachments.removed(handle);
            freed.forEach(list::add);
        });
        return out;
    }

    private static ArrayNode ips(List<AddressWithPrefix> addresses) {
        ArrayNode arr = JSON.createArrayNode();
        for (AddressWithPrefix a : addresses) {
            ObjectNode ip = arr.addObject();
            ip.put("address", a.toString());
            ip.put("version", a.family() == IpFamily.V4 ? "4" : "6");
        }
        return arr;
    }

    private static ObjectNode ok() {
        ObjectNode out = JSON.createObjectNode();
        out.put("ok", true);
        return out;
    }

    private static String text(JsonNode req, String field, String fallback) {
        JsonNode v = req.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    private static String required(JsonNode req, String field) {
        String v = text(req, field, "");
        if (v.isEmpty()) {
            throw IpamException.invalid("field \"" + field + "\" is required");
        }
        return v;
    }

    private static int count(JsonNode req, String field, int fallback) {
        JsonNode v = req.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || v.asInt() < 0) {
            throw IpamException.invalid("field \"" + field + "\" must be a non-negative count, not " + v);
        }
        return v.asInt();
    }
}
