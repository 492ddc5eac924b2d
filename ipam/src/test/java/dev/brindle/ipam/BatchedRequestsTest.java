package dev.brindle.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.DatastoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** One node's IPAM requests: one at a time, batched behind a busy one, answered only after their batch's sync. */
class BatchedRequestsTest {
    /** A stand-in for the store's deferred sync: counts scopes and can hold their close (the disk) or fail it. */
    private static final class Disk {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        volatile CountDownLatch hold = new CountDownLatch(0);
        volatile RuntimeException failure;

        Datastore.SyncScope scope() {
            opened.incrementAndGet();
            return () -> {
                waitFor(hold);
                closed.incrementAndGet();
                if (failure != null) {
                    throw failure;
                }
            };
        }
    }

    private final Disk disk = new Disk();
    private final AtomicInteger writeBatches = new AtomicInteger();
    private final BatchedRequests requests = new BatchedRequests("test", disk::scope, () -> {
        writeBatches.incrementAndGet();
        return () -> {};
    });

    @Test
    void eachCallerGetsItsOwnAnswerOrItsOwnExceptionAndRequestsNeverOverlap() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        Map<Integer, Object> answers = new ConcurrentHashMap<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            int n = i;
            callers.add(Thread.ofPlatform().start(() -> {
                try {
                    answers.put(n, requests.run(() -> {
                        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.onSpinWait();
                        inside.decrementAndGet();
                        if (n % 3 == 0) {
                            throw IpamException.invalid("request " + n);
                        }
                        return "answer " + n;
                    }));
                } catch (IpamException e) {
                    answers.put(n, e.getMessage());
                }
            }));
        }
        for (Thread t : callers) {
            t.join();
        }

        assertThat(mostInside).hasValue(1);
        for (int n = 0; n < 32; n++) {
            assertThat(answers.get(n)).isEqualTo(n % 3 == 0 ? "request " + n : "answer " + n);
        }
        assertThat(disk.closed).hasValue(disk.opened.get());
    }

    @Test
    void requestsQueuedBehindABusyOneRunAsOneBatchWithOneSync() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        Thread first = Thread.ofPlatform().start(() -> requests.run(() -> waitFor(busy)));
        await().atMost(Duration.ofSeconds(10)).until(() -> disk.opened.get() == 1);
        List<Thread> queued = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String name = "r" + i;
            queued.add(Thread.ofPlatform()
                    .start(() -> requests.run(() -> {
                        synchronized (order) {
                            order.add(name);
                        }
                        return name;
                    })));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> queued.stream().allMatch(t -> t.getState() == Thread.State.WAITING));

        busy.countDown();
        first.join();
        for (Thread t : queued) {
            t.join();
        }

        assertThat(order).hasSize(10);
        assertThat(disk.opened)
                .as("the busy request's scope, then one for the ten queued")
                .hasValue(2);
        assertThat(writeBatches).as("the store's lock taken once per batch too").hasValue(2);
    }

    @Test
    void noCallerIsAnsweredBeforeTheSyncOfItsWrites() throws Exception {
        disk.hold = new CountDownLatch(1);
        AtomicReference<String> answer = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> answer.set(requests.run(() -> "written")));
        await().atMost(Duration.ofSeconds(10)).until(() -> disk.opened.get() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> caller.getState() == Thread.State.WAITING);
        assertThat(answer.get()).isNull();

        disk.hold.countDown();
        caller.join();

        assertThat(answer.get()).isEqualTo("written");
        assertThat(disk.closed).hasValue(1);
    }

    @Test
    void aFailedSyncFailsTheAnswerOfARequestThatWorked() {
        disk.failure = new DatastoreException("cannot sync the journal: disk gone", null);

        assertThatThrownBy(() -> requests.run(() -> "written"))
                .isInstanceOf(DatastoreException.class)
                .hasMessageContaining("disk gone");
    }

    @Test
    void aFailedSyncFailsEveryAnswerOfItsBatch() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        AtomicReference<RuntimeException> firstFailed = new AtomicReference<>();
        Thread first = Thread.ofPlatform().start(() -> {
            try {
                requests.run(() -> waitFor(busy));
            } catch (DatastoreException e) {
                firstFailed.set(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> disk.opened.get() == 1);
        List<Object> answers = new ArrayList<>();
        List<Thread> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queued.add(Thread.ofPlatform().start(() -> {
                Object a;
                try {
                    a = requests.run(() -> "written");
                } catch (DatastoreException e) {
                    a = e;
                }
                synchronized (answers) {
                    answers.add(a);
                }
            }));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> queued.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        disk.failure = new DatastoreException("cannot sync the journal: disk gone", null);
        busy.countDown();
        // The busy request's own sync fails too, in its own thread.
        first.join();
        for (Thread t : queued) {
            t.join();
        }

        assertThat(answers).hasSize(3).allMatch(a -> a instanceof DatastoreException);
        assertThat(firstFailed.get()).isInstanceOf(DatastoreException.class);
    }

    @Test
    void aRequestMadeFromInsideARequestRunsAsPartOfIt() {
        String answer = requests.run(() -> requests.run(() -> "inner") + " in outer");

        assertThat(answer).isEqualTo("inner in outer");
        assertThat(disk.opened).hasValue(1);
    }

    private static boolean waitFor(CountDownLatch latch) {
        try {
            latch.await();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
