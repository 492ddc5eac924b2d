package dev.brindle.netlink.fake;

import dev.brindle.netlink.contract.ContractEnv;
import dev.brindle.netlink.contract.RouteContract;

class FakeRouteContractTest extends RouteContract {
    @Override
    protected ContractEnv newEnv() {
        return new FakeContractEnv();
    }
}
