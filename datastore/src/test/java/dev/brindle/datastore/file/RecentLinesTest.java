package dev.brindle.datastore.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.datastore.journal.Change;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RecentLinesTest {
    private final RecentLines recent = new RecentLines();

    private static RecentLines.Entry line(long revision) {
        return new RecentLines.Entry(
                new JournalLine(revision, Change.Type.ADDED, "IPPool", null),
                Path.of("00000000000000000001.log"),
                revision * 100,
                ForeignAppends.UNKNOWN,
                null);
    }

    @Test
    void theFirstCopyOfARevisionWinsAndIsFoundByItsRevisionOnly() {
        RecentLines.Entry first = line(5);
        assertThat(recent.add(first)).isSameAs(first);
        assertThat(recent.add(line(5))).isSameAs(first);
        assertThat(recent.get(5)).isSameAs(first);
        assertThat(recent.get(4)).isNull();
        assertThat(recent.get(6)).isNull();
    }

    @Test
    void aLineIsForgottenWhenTheRevisionThatSharesItsSlotArrivesAndAnOlderOneNeverReplacesANewer() {
        RecentLines.Entry old = line(7);
        recent.add(old);
        RecentLines.Entry newer = line(7 + 1024);
        recent.add(newer);

        assertThat(recent.get(7)).isNull();
        assertThat(recent.get(7 + 1024)).isSameAs(newer);
        RecentLines.Entry late = line(7);
        assertThat(recent.add(late)).isSameAs(late);
        assertThat(recent.get(7)).isNull();
        assertThat(recent.get(7 + 1024)).isSameAs(newer);
    }
}
