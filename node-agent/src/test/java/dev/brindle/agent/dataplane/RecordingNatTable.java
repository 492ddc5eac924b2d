package dev.brindle.agent.dataplane;

import java.util.ArrayList;
import java.util.List;

/** An in-memory {@link NatTable}: records every sync, and refuses the next one when told to. */
final class RecordingNatTable implements NatTable {
    final List<NatRules> syncs = new ArrayList<>();
    private volatile NatRules current = NatRules.NONE;
    private boolean failNext;

    @Override
    public synchronized void sync(NatRules rules) {
        if (failNext) {
            failNext = false;
            throw new NatException("nft: injected failure");
        }
        syncs.add(rules);
        current = rules;
    }

    synchronized void failNext() {
        failNext = true;
    }

    NatRules current() {
        return current;
    }
}
