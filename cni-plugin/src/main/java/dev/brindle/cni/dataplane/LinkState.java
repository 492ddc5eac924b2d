package dev.brindle.cni.dataplane;

import dev.brindle.core.MacAddress;

/** What CHECK and the result need to know about a link. */
public record LinkState(String name, int index, MacAddress mac, int mtu, boolean up) {}
