package dev.brindle.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {
    @Test
    void retriesConflictsUntilSuccess() {
        var calls = new AtomicInteger();
        String result = Retry.onConflict(
                () -> {
                    if (calls.incrementAndGet() < 3) {
                        throw new ConflictException("stale");
                    }
                    return "done";
                },
                5);
        assertThat(result).isEqualTo("done");
        assertThat(calls).hasValue(3);
    }

    @Test
    void givesUpAfterMaxAttemptsAndDoesNotRetryOtherErrors() {
        var calls = new AtomicInteger();
        assertThatThrownBy(() -> Retry.onConflict(
                        () -> {
                            calls.incrementAndGet();
                            throw new ConflictException("stale");
                        },
                        4))
                .isInstanceOf(ConflictException.class);
        assertThat(calls).hasValue(4);

        calls.set(0);
        assertThatThrownBy(() -> Retry.onConflict(
                        () -> {
                            calls.incrementAndGet();
                            throw new NotFoundException("gone");
                        },
                        4))
                .isInstanceOf(NotFoundException.class);
        assertThat(calls).hasValue(1);
    }
}
