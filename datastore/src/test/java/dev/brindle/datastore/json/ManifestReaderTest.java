package dev.brindle.datastore.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brindle.datastore.resource.AllowedUse;
import dev.brindle.datastore.resource.EncapMode;
import dev.brindle.datastore.resource.IPPool;
import dev.brindle.datastore.resource.Resource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {
    /** Calico's documentation examples (IPPool resource reference and "topology" guide), unchanged. */
    private static final String CALICO_DOCS = """
            apiVersion: projectcalico.org/v3
            kind: IPPool
            metadata:
              name: my.ippool-1
            spec:
              cidr: 10.1.0.0/16
              ipipMode: CrossSubnet
              natOutgoing: true
              disabled: false
              nodeSelector: all()
              allowedUses:
                - Workload
                - Tunnel
            ---
            apiVersion: projectcalico.org/v3
            kind: IPPool
            metadata:
              name: rack-0-ippool
            spec:
              cidr: 192.168.0.0/24
              ipipMode: Always
              natOutgoing: true
              nodeSelector: rack == "0"
            ---
            apiVersion: projectcalico.org/v3
            kind: IPPool
            metadata:
              name: default-ipv6-ippool
            spec:
              cidr: 2001::00/64
              natOutgoing: true
              vxlanMode: Always
              blockSize: 122
            """;

    /** What {@code kubectl get ippools.crd.projectcalico.org -o yaml} prints in KDD mode. */
    private static final String CALICO_CRD = """
            apiVersion: crd.projectcalico.org/v1
            kind: IPPool
            metadata:
              annotations:
                projectcalico.org/metadata: '{"creationTimestamp":null}'
              creationTimestamp: "2024-05-02T10:00:00Z"
              generation: 1
              name: default-ipv4-ippool
              resourceVersion: "1234"
              uid: 6f1c7e00-0000-4000-8000-000000000000
            spec:
              allowedUses:
              - Workload
              - Tunnel
              blockSize: 26
              cidr: 192.168.0.0/16
              ipipMode: Always
              natOutgoing: true
              nodeSelector: all()
              vxlanMode: Never
            """;

    @Test
    void readsCalicoDocumentationPoolsUnchanged() {
        List<Resource> rs = ManifestReader.read(CALICO_DOCS, "pools.yaml");

        assertThat(rs).hasSize(3).allMatch(r -> r instanceof IPPool);
        IPPool first = (IPPool) rs.get(0);
        assertThat(first.name()).isEqualTo("my.ippool-1");
        assertThat(first.spec().ipipMode()).isEqualTo(EncapMode.CrossSubnet);
        assertThat(first.spec().natOutgoing()).isTrue();
        assertThat(first.spec().blockSize()).isEqualTo(26);
        assertThat(first.spec().allowedUses()).containsExactly(AllowedUse.Workload, AllowedUse.Tunnel);
        IPPool rack = (IPPool) rs.get(1);
        assertThat(rack.spec().nodeSelector().matches(Map.of("rack", "0"))).isTrue();
        assertThat(rack.spec().nodeSelector().matches(Map.of("rack", "1"))).isFalse();
        IPPool v6 = (IPPool) rs.get(2);
        assertThat(v6.spec().cidr().toString()).isEqualTo("2001::/64");
        assertThat(v6.spec().vxlanMode()).isEqualTo(EncapMode.Always);
    }

    @Test
    void readsTheKubernetesStorageFormDroppingServerMetadata() {
        IPPool pool = (IPPool) ManifestReader.read(CALICO_CRD, "kdd.yaml").getFirst();

        assertThat(pool.name()).isEqualTo("default-ipv4-ippool");
        assertThat(pool.revision()).isZero();
        assertThat(pool.metadata().annotations()).isEmpty();
        assertThat(pool.spec().ipipMode()).isEqualTo(EncapMode.Always);
    }

    @Test
    void mapsLegacyIpipAndNatFields() {
        IPPool pool = (IPPool) ManifestReader.read("""
                        apiVersion: projectcalico.org/v3
                        kind: IPPool
                        metadata: {name: legacy}
                        spec:
                          cidr: 10.9.0.0/16
                          ipip: {enabled: true, mode: cross-subnet}
                          nat-outgoing: true
                        """, "legacy.yaml").getFirst();
        assertThat(pool.spec().ipipMode()).isEqualTo(EncapMode.CrossSubnet);
        assertThat(pool.spec().natOutgoing()).isTrue();
    }

    @Test
    void readsBrindleDocumentsOfEveryKindInJsonOrYaml() {
        List<Resource> rs = ManifestReader.read("""
                apiVersion: brindle.dev/v1
                kind: BGPPeer
                metadata: {name: tor}
                spec: {peerIP: "192.168.1.1", asNumber: 65001, nodeSelector: "rack == 'r1'"}
                ---
                {"apiVersion": "brindle.dev/v1", "kind": "IPAMConfig", "metadata": {"name": "default"},
                 "spec": {"strictAffinity": true, "maxBlocksPerHost": 4}}
                ---
                apiVersion: brindle.dev/v1
                kind: Node
                metadata: {name: node-1, labels: {rack: r1}}
                spec: {ipv4Address: 192.168.1.10/24, vxlanTunnelMACAddr: "66:0a:1b:2c:3d:4e"}
                """, "mixed.yaml");
        assertThat(rs).extracting(r -> r.kind().name()).containsExactly("BGPPeer", "IPAMConfig", "Node");
    }

    @Test
    void errorsNameFileDocumentFieldAndLine() {
        String yaml = """
                apiVersion: brindle.dev/v1
                kind: IPPool
                metadata: {name: ok}
                spec: {cidr: 10.1.0.0/16}
                ---
                apiVersion: projectcalico.org/v3
                kind: IPPool
                metadata:
                  name: bad
                spec:
                  cidr: 10.2.0.0/16
                  blockSize: 33
                  ipipMode: Always
                  vxlanMode: Always
                """;
        assertThatThrownBy(() -> ManifestReader.read(yaml, "pools.yaml"))
                .isInstanceOf(DocumentException.class)
                .hasMessageContaining("pools.yaml: document 2: ")
                .hasMessageContaining("line 12: spec.blockSize: must be between 20 and 32 for IPv4, got 33")
                .hasMessageContaining("line 14: spec.vxlanMode: ipipMode and vxlanMode cannot both be enabled");
    }

    @Test
    void typeErrorsAndUnknownFieldsNameTheirLine() {
        assertThatThrownBy(() -> ManifestReader.read("""
                        apiVersion: brindle.dev/v1
                        kind: IPPool
                        metadata: {name: p}
                        spec:
                          cidr: 10.1.0.1/16
                        """, "f.yaml"))
                .hasMessageContaining("document 1: line 5: spec.cidr: must be a strictly masked CIDR")
                .hasMessageContaining("host bits set");
        assertThatThrownBy(() -> ManifestReader.read("""
                        apiVersion: brindle.dev/v1
                        kind: IPPool
                        metadata: {name: p}
                        spec:
                          cidr: 10.1.0.0/16
                          ipipMode: always
                          colour: blue
                        """, "f.yaml"))
                .hasMessageContaining(
                        "line 6: spec.ipipMode: must be one of [Never, Always, CrossSubnet], got 'always'");
        assertThatThrownBy(() -> ManifestReader.read("""
                        apiVersion: brindle.dev/v1
                        kind: IPPool
                        metadata: {name: p}
                        spec:
                          cidr: 10.1.0.0/16
                          colour: blue
                        """, "f.yaml"))
                .hasMessageContaining("line 6: spec.colour: unknown field");
        assertThatThrownBy(() -> ManifestReader.read("""
                        apiVersion: brindle.dev/v1
                        kind: IPPool
                        metadata: {name: Bad_Name}
                        spec: {cidr: 10.1.0.0/16, nodeSelector: "zone = 'a'"}
                        """, "f.yaml"))
                .hasMessageContaining("metadata.name: must be a lowercase DNS subdomain")
                .hasMessageContaining("spec.nodeSelector: must be a selector");
    }

    @Test
    void refusesOtherCalicoKindsAndSyntaxErrors() {
        assertThatThrownBy(() -> ManifestReader.read("""
                        apiVersion: projectcalico.org/v3
                        kind: GlobalNetworkPolicy
                        metadata: {name: p}
                        spec: {}
                        """, "gnp.yaml"))
                .hasMessageContaining("line 2: kind: of the Calico resources brindle takes only IPPool");
        assertThatThrownBy(() -> ManifestReader.read("a: [1, 2\nb: c\n", "broken.yaml"))
                .isInstanceOf(DocumentException.class)
                .hasMessageContaining("broken.yaml")
                .hasMessageContaining("(syntax)");
    }
}
