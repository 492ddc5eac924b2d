package dev.brindle.bgp.session;

/** A scheduled timer that can be stopped; cancelling twice or after it fired does nothing. */
@FunctionalInterface
public interface Cancellable {
    Cancellable NONE = () -> {};

    void cancel();
}
