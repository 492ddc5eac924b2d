package dev.brindle.netlink.rt;

import dev.brindle.lab.junit.Needs;
import dev.brindle.netlink.contract.ContractEnv;
import dev.brindle.netlink.contract.NamespaceContract;

@Needs(
        root = true,
        commands = {"ip", "bridge"})
class RtNamespaceContractIT extends NamespaceContract {
    @Override
    protected ContractEnv newEnv() {
        return new RtContractEnv();
    }
}
