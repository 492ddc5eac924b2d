package dev.brindle.datastore.resource;

/** IPPool {@code ipipMode} / {@code vxlanMode}; constants spelled as on the wire (Calico v3). */
public enum EncapMode {
    Never,
    Always,
    CrossSubnet;

    public boolean enabled() {
        return this != Never;
    }
}
