package dev.brindle.netlink.rt;

import dev.brindle.lab.junit.Needs;
import dev.brindle.netlink.contract.ContractEnv;
import dev.brindle.netlink.contract.RouteContract;

@Needs(
        root = true,
        commands = {"ip", "bridge"})
class RtRouteContractIT extends RouteContract {
    @Override
    protected ContractEnv newEnv() {
        return new RtContractEnv();
    }
}
