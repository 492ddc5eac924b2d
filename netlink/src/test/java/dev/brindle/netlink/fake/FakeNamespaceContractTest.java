package dev.brindle.netlink.fake;

import dev.brindle.netlink.contract.ContractEnv;
import dev.brindle.netlink.contract.NamespaceContract;

class FakeNamespaceContractTest extends NamespaceContract {
    @Override
    protected ContractEnv newEnv() {
        return new FakeContractEnv();
    }
}
