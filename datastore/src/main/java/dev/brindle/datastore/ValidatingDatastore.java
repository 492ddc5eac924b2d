package dev.brindle.datastore;

import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.IPPoolRules;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;

/**
 * Applies the rules that span objects before writes reach a backend, as Calico's clientv3 does above its backends:
 * a new IPPool must not overlap another nor disagree with the size of blocks left in its range, an IPPool edit must
 * keep cidr and blockSize. Two writers racing can both pass
 * (Calico has the same window); the allocator never hands out an address twice regardless.
 */
final class ValidatingDatastore extends ForwardingDatastore {

    ValidatingDatastore(Datastore backend) {
        super(backend);
    }

    @Override
    public <R extends Resource> R create(R resource) {
        if (resource instanceof IPPool pool) {
            IPPoolRules.checkCreate(
                    pool, delegate().list(Kind.IPPOOL), delegate().list(Kind.IPAM_BLOCK));
        }
        return super.create(resource);
    }

    @Override
    public <R extends Resource> R update(R resource) {
        if (resource instanceof IPPool pool) {
            delegate().get(Kind.IPPOOL, pool.name()).ifPresent(old -> IPPoolRules.checkUpdate(old, pool));
        }
        return super.update(resource);
    }
}
