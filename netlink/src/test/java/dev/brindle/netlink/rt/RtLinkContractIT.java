package dev.brindle.netlink.rt;

import dev.brindle.lab.junit.Needs;
import dev.brindle.netlink.contract.ContractEnv;
import dev.brindle.netlink.contract.LinkContract;

@Needs(
        root = true,
        commands = {"ip", "bridge"})
class RtLinkContractIT extends LinkContract {
    @Override
    protected ContractEnv newEnv() {
        return new RtContractEnv();
    }
}
