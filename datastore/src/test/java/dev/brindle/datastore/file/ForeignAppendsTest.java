package dev.brindle.datastore.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.datastore.journal.Change;
import dev.brindle.datastore.json.ResourceCodec;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watch's reader skips the file while only this process appended, and looks again as soon as another process's
 * append is noticed (by inotify, or by a catch-up under the lock), or the trust ran out. A get or list reads it at
 * once, noticed or not. Two journals on one directory stand
 * for two processes; inotify is played by calling {@link ForeignAppends#noticed()}, so nothing here depends on when
 * the kernel's event arrives.
 */
class ForeignAppendsTest {
    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000);
    private final AtomicInteger wakes = new AtomicInteger();
    private ForeignAppends foreign;
    private FileJournal ours;
    private FileJournal theirs;

    @BeforeEach
    void open() throws IOException {
        foreign = new ForeignAppends(nanos::get);
        foreign.noticeWith(true, wakes::incrementAndGet);
        ours = new FileJournal(dir, false, 1 << 20, 100, (from, to) -> {}, foreign);
        theirs = new FileJournal(dir, false, 1 << 20, 100, (from, to) -> {});
    }

    @AfterEach
    void close() throws IOException {
        ours.close();
        theirs.close();
    }

    private static void append(FileJournal journal, String pool) throws IOException {
        journal.catchUp();
        long revision = journal.lastRevision() + 1;
        IPPool p = IPPool.of(pool, "10." + revision + ".0.0/16");
        p = p.withMetadata(p.metadata().withRevision(revision));
        journal.append(List.of(
                new FileJournal.Append(new Change(revision, Change.Type.ADDED, p), ResourceCodec.toCompactJson(p))));
    }

    /** What a watch of this journal reads after {@code after}. */
    private static List<String> namesAfter(FileJournal journal, long after) throws Exception {
        return journal.readForWatch(after, 100, Kind.IPPOOL).changes().stream()
                .map(c -> c.resource().name())
                .toList();
    }

    /** This process appends "a" and reads it; then the other appends "b", which nobody has noticed yet. */
    private void oursReadThenTheirs() throws Exception {
        append(ours, "a");
        assertThat(namesAfter(ours, 0)).containsExactly("a");
        append(theirs, "b");
    }

    @Test
    void afterItsOwnAppendsAReaderLooksNoFurtherUntilAnotherProcessIsNoticed() throws Exception {
        oursReadThenTheirs();

        // Not noticed yet: the reader trusts that nothing follows its own line (what it saves is the file's stat).
        assertThat(ours.mayHaveAfterForWatch(1)).isFalse();
        assertThat(namesAfter(ours, 1)).isEmpty();

        foreign.noticed();
        assertThat(wakes).hasValue(1);
        assertThat(ours.mayHaveAfterForWatch(1)).isTrue();
        assertThat(namesAfter(ours, 1)).containsExactly("b");
    }

    @Test
    void aGetOrListSeesAnotherProcessesCommitBeforeAnyoneNoticedIt() throws Exception {
        oursReadThenTheirs();

        assertThat(ours.mayHaveAfterForWatch(1)).isFalse();
        assertThat(ours.mayHaveAfter(1)).isTrue();
        assertThat(ours.read(1, 100, Kind.IPPOOL).changes())
                .extracting(c -> c.resource().name())
                .containsExactly("b");
    }

    @Test
    void aCatchUpThatTakesInAnotherProcessesLinesCountsAsNoticed() throws Exception {
        oursReadThenTheirs();
        // inotify would see the file end where this process's next append ends, and take it for ours.
        append(ours, "c");

        assertThat(wakes).hasValue(1);
        assertThat(ours.mayHaveAfterForWatch(1)).isTrue();
        assertThat(namesAfter(ours, 1)).containsExactly("b", "c");
    }

    @Test
    void theTrustRunsOutAfterAQuarterSecondSoAMissedNotificationOnlyDelays() throws Exception {
        oursReadThenTheirs();
        assertThat(ours.mayHaveAfterForWatch(1)).isFalse();

        nanos.addAndGet(250_000_000);
        assertThat(ours.mayHaveAfterForWatch(1)).isTrue();
        assertThat(namesAfter(ours, 1)).containsExactly("b");
    }

    @Test
    void withoutInotifyAReaderAlwaysLooksAtTheFile() throws Exception {
        foreign.stopNoticing();
        oursReadThenTheirs();

        assertThat(ours.mayHaveAfterForWatch(1)).isTrue();
        assertThat(namesAfter(ours, 1)).containsExactly("b");
    }

    @Test
    void aReadThatReachedTheEndIsTrustedAndOneStoppedByItsLimitIsNot() throws Exception {
        append(theirs, "a");
        append(theirs, "b");
        append(theirs, "c");

        assertThat(ours.readForWatch(0, 2, Kind.IPPOOL).changes()).hasSize(2);
        assertThat(ours.mayHaveAfterForWatch(2)).isTrue();
        assertThat(namesAfter(ours, 2)).containsExactly("c");
        assertThat(namesAfter(ours, 3)).isEmpty(); // this read found the end of the file
        append(theirs, "d");
        assertThat(ours.mayHaveAfterForWatch(3)).isFalse();
    }
}
