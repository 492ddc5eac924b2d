package dev.brindle.netlink.fake;

import dev.brindle.netlink.contract.ContractEnv;
import dev.brindle.netlink.contract.NeighbourContract;

class FakeNeighbourContractTest extends NeighbourContract {
    @Override
    protected ContractEnv newEnv() {
        return new FakeContractEnv();
    }
}
