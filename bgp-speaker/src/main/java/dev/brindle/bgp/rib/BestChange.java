package dev.brindle.bgp.rib;

import dev.brindle.core.IpPrefix;
import java.util.Optional;

/** The Loc-RIB's best route for a prefix changed from {@code previous} to {@code current} (either may be empty). */
public record BestChange(IpPrefix prefix, Optional<Route> previous, Optional<Route> current) {}
