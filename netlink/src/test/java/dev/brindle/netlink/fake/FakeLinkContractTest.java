package dev.brindle.netlink.fake;

import dev.brindle.netlink.contract.ContractEnv;
import dev.brindle.netlink.contract.LinkContract;

class FakeLinkContractTest extends LinkContract {
    @Override
    protected ContractEnv newEnv() {
        return new FakeContractEnv();
    }
}
