package dev.brindle.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.brindle.lab.NamespaceSet;
import dev.brindle.lab.junit.Needs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** setns semantics: only the namespace thread moves, it comes back, and callers on any thread get the result. */
@Needs(root = true, commands = "ip")
class NetworkNamespaceIT {
    private static final Path SELF = Path.of("/proc/thread-self/ns/net");
    private NamespaceSet set;
    private Path pod;

    @BeforeEach
    void namespace() {
        set = NamespaceSet.create("nlns");
        pod = set.add("pod").path();
    }

    @AfterEach
    void cleanUp() {
        set.close();
    }

    private static Object inode(Path p) {
        try {
            return Files.getAttribute(p, "unix:ino");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void actionsRunInsideOnAPlatformThreadAndTheCallerStaysHome() {
        Object home = inode(SELF);
        try (var ns = NetworkNamespace.open(pod)) {
            Object inside = ns.call(() -> inode(SELF));
            boolean virtual = ns.call(() -> Thread.currentThread().isVirtual());
            assertThat(inside).isEqualTo(inode(pod)).isNotEqualTo(home);
            assertThat(virtual).isFalse();
        }
        assertThat(inode(SELF)).isEqualTo(home);
    }

    @Test
    void aVirtualThreadCanAskAndTheThreadReturnsHomeAfterAFailure() throws InterruptedException {
        try (var ns = NetworkNamespace.open(pod)) {
            assertThatThrownBy(() -> ns.run(() -> {
                        throw new IllegalStateException("boom inside");
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("boom inside");
            var seen = new AtomicReference<Object>();
            Thread.ofVirtual().start(() -> seen.set(ns.call(() -> inode(SELF)))).join();
            assertThat(seen.get()).isEqualTo(inode(pod));
            // After running inside, the namespace thread is back home: a task for another namespace sees that one.
            try (var self = NetworkNamespace.open(Path.of("/proc/self/ns/net"))) {
                assertThat(self.call(() -> inode(SELF))).isEqualTo(inode(Path.of("/proc/self/ns/net")));
            }
        }
    }

    @Test
    void actionsCannotNest() {
        try (var ns = NetworkNamespace.open(pod)) {
            assertThatThrownBy(() -> ns.run(() -> ns.run(() -> {})))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot nest");
            assertThat(ns.call(() -> inode(SELF))).isEqualTo(inode(pod));
        }
    }

    @Test
    void aMissingNamespaceIsENOENT() {
        var e = catchThrowableOfType(
                NetlinkException.class, () -> NetworkNamespace.open(Path.of("/run/netns/brindle-nope")));
        assertThat(e.errnoName()).isEqualTo("ENOENT");
        assertThat(e.getMessage()).contains("/run/netns/brindle-nope");
    }
}
