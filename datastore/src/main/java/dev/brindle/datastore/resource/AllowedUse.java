package dev.brindle.datastore.resource;

/** What addresses of an IPPool may be used for (Calico {@code allowedUses}; LoadBalancer is not supported). */
public enum AllowedUse {
    Workload,
    Tunnel
}
