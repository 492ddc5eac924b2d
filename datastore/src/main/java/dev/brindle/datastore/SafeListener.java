package dev.brindle.datastore;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wraps a watch listener so that an exception it throws is logged and the watch goes on with the next event. */
public final class SafeListener {
    private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);

    private SafeListener() {}

    public static <E> Consumer<E> of(Consumer<E> listener, String watched) {
        return event -> {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.error("watch listener on {} failed on {}", watched, event, e);
            }
        };
    }
}
