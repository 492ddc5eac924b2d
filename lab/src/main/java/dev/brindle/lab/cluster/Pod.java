package dev.brindle.lab.cluster;

/** A lab pod: its node, its namespace, the host-side veth and the address brindle gave it. */
public record Pod(String name, String node, String namespace, String address) {
    /** One line of the lab's pods file. */
    String toLine() {
        return String.join("\t", name, node, namespace, address);
    }

    static Pod fromLine(String line) {
        String[] f = line.split("\t");
        if (f.length != 4) {
            throw new IllegalArgumentException("bad line in the lab's pods file: " + line);
        }
        return new Pod(f[0], f[1], f[2], f[3]);
    }
}
