package dev.brindle.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.core.IpAddresses;
import dev.brindle.ipam.AllocationAttributes;
import dev.brindle.ipam.Liveness;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PodLivenessTest {
    private static final InetAddress IP = IpAddresses.parse("10.244.0.5");
    private static final InetAddress OTHER_IP = IpAddresses.parse("10.244.0.9");

    private final List<NodePods.Pod> pods = new ArrayList<>();
    private final AtomicInteger lists = new AtomicInteger();
    private final AtomicInteger fallbackSnapshots = new AtomicInteger();
    private final Map<String, Boolean> attached = new HashMap<>();
    private RuntimeException apiFailure;

    private final PodLiveness liveness = new PodLiveness(
            () -> {
                lists.incrementAndGet();
                if (apiFailure != null) {
                    throw apiFailure;
                }
                return List.copyOf(pods);
            },
            () -> {
                fallbackSnapshots.incrementAndGet();
                return (holder, address) -> attached.getOrDefault(holder.handle(), false);
            });

    private static AllocationAttributes podHolder(String namespace, String pod) {
        return new AllocationAttributes(
                "net." + pod,
                Map.of(
                        AllocationAttributes.NODE, "n1",
                        AllocationAttributes.NAMESPACE, namespace,
                        AllocationAttributes.POD, pod));
    }

    private static NodePods.Pod pod(String namespace, String name, String phase, InetAddress... ips) {
        return new NodePods.Pod(namespace, name, phase, List.of(ips));
    }

    @Test
    void aPodOfThisNodeThatRunsWithTheAddressOrHasNoAddressYetIsLive() {
        pods.add(pod("default", "web", "Running", IP));
        pods.add(pod("default", "starting", "Pending"));
        Liveness live = liveness.get();
        assertThat(live.isLive(podHolder("default", "web"), IP)).isTrue();
        assertThat(live.isLive(podHolder("default", "starting"), IP)).isTrue();
    }

    @Test
    void aMissingFinishedOrReaddressedPodIsNotLiveWhateverTheAttachmentRecordSays() {
        pods.add(pod("default", "done", "Succeeded", IP));
        pods.add(pod("default", "crashed", "Failed", IP));
        pods.add(pod("default", "recreated", "Running", OTHER_IP));
        pods.add(pod("other", "web", "Running", IP));
        List.of("net.done", "net.crashed", "net.recreated", "net.web").forEach(h -> attached.put(h, true));
        Liveness live = liveness.get();
        assertThat(live.isLive(podHolder("default", "done"), IP)).isFalse();
        assertThat(live.isLive(podHolder("default", "crashed"), IP)).isFalse();
        assertThat(live.isLive(podHolder("default", "recreated"), IP))
                .as("same name, new IPs: a pod recreated under the name of the one that held the address")
                .isFalse();
        assertThat(live.isLive(podHolder("default", "web"), IP))
                .as("the same name in another namespace is another pod")
                .isFalse();
    }

    @Test
    void allocationsThatNameNoPodAreAskedOfTheFallback() {
        var cniWithoutPodArgs = new AllocationAttributes("net.abc", Map.of(AllocationAttributes.CONTAINER_ID, "abc"));
        var podWithoutNamespace = new AllocationAttributes("net.def", Map.of(AllocationAttributes.POD, "def"));
        attached.put("net.abc", true);
        Liveness live = liveness.get();
        assertThat(live.isLive(cniWithoutPodArgs, IP)).isTrue();
        assertThat(live.isLive(podWithoutNamespace, IP)).isFalse();
        attached.put("net.def", true);
        assertThat(liveness.get().isLive(podWithoutNamespace, IP)).isTrue();
    }

    @Test
    void whenThePodsCannotBeListedEverythingIsLiveForThatRun() {
        apiFailure = new IllegalStateException("connection refused");
        Liveness live = liveness.get();
        assertThat(live.isLive(podHolder("default", "gone"), IP)).isTrue();
        assertThat(live.isLive(new AllocationAttributes("net.x", Map.of(AllocationAttributes.CONTAINER_ID, "x")), IP))
                .isTrue();
        apiFailure = null;
        assertThat(liveness.get().isLive(podHolder("default", "gone"), IP)).isFalse();
    }

    @Test
    void podsAreListedOncePerSnapshot() {
        pods.add(pod("default", "web", "Running", IP));
        Liveness live = liveness.get();
        for (int i = 0; i < 5; i++) {
            live.isLive(podHolder("default", "web"), IP);
            live.isLive(podHolder("default", "gone"), IP);
        }
        pods.clear();
        assertThat(live.isLive(podHolder("default", "web"), IP))
                .as("a snapshot answers for its run")
                .isTrue();
        assertThat(lists).hasValue(1);
        assertThat(fallbackSnapshots).hasValue(1);
    }
}
