package dev.brindle.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brindle.datastore.resource.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The node's attachment record is written once per batch of requests ({@link BatchedAttachments}): before any caller
 * of the batch is answered, and before background work (GC) that reads it runs.
 */
class IpamServiceAttachmentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every write the record received, each a map of handle → attachment (empty: detached). */
    private final List<Map<String, Optional<Node.Attachment>>> writes = new CopyOnWriteArrayList<>();

    private final IpamService service =
            InMemoryIpamService.create(writes::add, () -> new IpamService.AgentStatus(true, "", 1440));

    @Test
    void aRequestOnItsOwnIsRecordedBeforeItIsAnswered() {
        assertThat(call(assign("k8s.a")).path("ok").asBoolean()).isTrue();
        assertThat(writes).containsExactly(Map.of("k8s.a", Optional.of(attachment("k8s.a"))));
        call(release("k8s.a"));
        assertThat(writes).hasSize(2).last().isEqualTo(Map.of("k8s.a", Optional.empty()));
    }

    @Test
    void theRequestsOfOneBatchAreRecordedInOneWriteInTheirOrder() {
        service.exclusive(() -> {
            call(assign("k8s.a"));
            call(assign("k8s.b"));
            call(assign("k8s.c"));
            call(release("k8s.b"));
            assertThat(writes).as("nothing written while the batch runs").isEmpty();
        });
        assertThat(writes).hasSize(1);
        assertThat(new ArrayList<>(writes.getFirst().entrySet()))
                .containsExactly(
                        Map.entry("k8s.a", Optional.of(attachment("k8s.a"))),
                        Map.entry("k8s.b", Optional.empty()),
                        Map.entry("k8s.c", Optional.of(attachment("k8s.c"))));
    }

    @Test
    void backgroundWorkFindsTheBatchsEarlierAttachmentsRecorded() {
        List<Integer> seenByGc = new ArrayList<>();
        service.exclusive(() -> {
            call(assign("k8s.a"));
            call(assign("k8s.b"));
            service.exclusive(() -> seenByGc.add(writes.size()));
        });
        assertThat(seenByGc).containsExactly(1);
        assertThat(writes.getFirst()).containsOnlyKeys("k8s.a", "k8s.b");
    }

    @Test
    void changesAFailedWriteHeldAreWrittenByTheNextFlush() {
        List<Map<String, Optional<Node.Attachment>>> written = new ArrayList<>();
        boolean[] fail = {true};
        BatchedAttachments batched = new BatchedAttachments(changes -> {
            if (fail[0]) {
                throw new IllegalStateException("store down");
            }
            written.add(changes);
        });
        batched.added("k8s.a", "a", "eth0", "default", "pod-a");
        assertThatThrownBy(batched::flush).hasMessage("store down");
        fail[0] = false;
        batched.removed("k8s.b");
        batched.flush();
        assertThat(written)
                .containsExactly(Map.of("k8s.a", Optional.of(attachment("k8s.a")), "k8s.b", Optional.empty()));
    }

    private ObjectNode call(ObjectNode request) {
        ObjectNode answer = service.handle(request);
        assertThat(answer.path("ok").asBoolean()).as("%s → %s", request, answer).isTrue();
        return answer;
    }

    private static ObjectNode assign(String handle) {
        String container = handle.substring(handle.indexOf('.') + 1);
        return JSON.createObjectNode()
                .put("op", "assign")
                .put("handle", handle)
                .put("containerId", container)
                .put("ifname", "eth0")
                .put("namespace", "default")
                .put("pod", "pod-" + container);
    }

    private static ObjectNode release(String handle) {
        return JSON.createObjectNode().put("op", "release").put("handle", handle);
    }

    private static Node.Attachment attachment(String handle) {
        String container = handle.substring(handle.indexOf('.') + 1);
        return new Node.Attachment(handle, container, "eth0", "default", "pod-" + container);
    }
}
