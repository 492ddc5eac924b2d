package dev.brindle.bgp.speaker;

/** Receives best-route changes; called on the speaker's event loop, so it must not block. */
@FunctionalInterface
public interface BestRouteListener {
    void onBestRouteChange(BestRouteEvent event);
}
