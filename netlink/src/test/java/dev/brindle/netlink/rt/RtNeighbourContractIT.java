package dev.brindle.netlink.rt;

import dev.brindle.lab.junit.Needs;
import dev.brindle.netlink.contract.ContractEnv;
import dev.brindle.netlink.contract.NeighbourContract;

@Needs(
        root = true,
        commands = {"ip", "bridge"})
class RtNeighbourContractIT extends NeighbourContract {
    @Override
    protected ContractEnv newEnv() {
        return new RtContractEnv();
    }
}
