package dev.brindle.datastore.file;

import dev.brindle.core.IpPrefix;
import dev.brindle.datastore.AlreadyExistsException;
import dev.brindle.datastore.Datastore;
import dev.brindle.datastore.Datastores;
import dev.brindle.datastore.Retry;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.IPAMHandle;
import dev.brindle.datastore.resource.Kind;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A writer process for the multi-process tests: opens {@code file:<dir>} and increments the handle {@code counter}
 * by compare-and-swap {@code count} times (forever when 0), printing {@code ack <n>} after each acknowledged
 * increment; between increments it also creates and deletes blocks, so that a kill can land in any kind of write.
 */
public final class StoreWriterMain {
    private StoreWriterMain() {}

    public static void main(String[] args) {
        String dir = args[0];
        long count = Long.parseLong(args[1]);
        boolean fsync = args.length < 3 || Boolean.parseBoolean(args[2]);
        try (Datastore store = Datastores.open("file:" + dir + "?fsync=" + fsync, null)) {
            try {
                store.create(IPAMHandle.of("counter", Map.of("n", 0)));
            } catch (AlreadyExistsException ignored) {
                // another writer made it
            }
            System.out.println("ready");
            System.out.flush();
            var random = ThreadLocalRandom.current();
            for (long i = 0; count == 0 || i < count; i++) {
                IPAMHandle done = Retry.onConflict(
                        () -> {
                            IPAMHandle h =
                                    store.get(Kind.IPAM_HANDLE, "counter").orElseThrow();
                            return store.update(
                                    h.withBlocks(Map.of("n", h.spec().block().get("n") + 1)));
                        },
                        100_000);
                System.out.println("ack " + done.spec().block().get("n"));
                System.out.flush();
                IpPrefix cidr = IpPrefix.parse("10.0." + random.nextInt(4) + ".0/26");
                try {
                    store.create(IPAMBlock.empty(cidr, "node", i, Instant.now()));
                } catch (AlreadyExistsException e) {
                    store.delete(Kind.IPAM_BLOCK, IPAMBlock.nameFor(cidr));
                }
            }
            System.out.flush();
        }
    }
}
