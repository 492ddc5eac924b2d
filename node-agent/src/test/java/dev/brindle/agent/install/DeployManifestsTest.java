package dev.brindle.agent.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brindle.agent.AgentOptions;
import dev.brindle.agent.ops.NetworkingOptions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The DaemonSet, its ConfigMap and the conflist in it, as fabric8 parses them from deploy/. */
class DeployManifestsTest {
    private static final Pattern VAR = Pattern.compile("\\$\\(([A-Z_][A-Z0-9_]*)\\)");

    private static DaemonSet daemonSet() {
        return DeployManifests.one(DaemonSet.class, "brindle-node");
    }

    private static PodSpec pod() {
        return daemonSet().getSpec().getTemplate().getSpec();
    }

    private static Container container(List<Container> containers, String name) {
        return containers.stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    @Test
    void everyManifestParsesWithNoFieldTheSchemaDoesNotKnow() {
        assertThat(DeployManifests.files())
                .extracting(p -> p.getFileName().toString())
                .contains("rbac.yml", "config.yml", "daemonset.yml", "default-ippool.yml");
        for (Path file : DeployManifests.files()) {
            for (HasMetadata o : DeployManifests.parse(file)) {
                assertThat(o.getMetadata().getName())
                        .as(file + " " + o.getKind())
                        .isNotBlank();
                assertThat(UnknownFields.in(o)).as(file + " " + o.getKind()).isEmpty();
            }
        }
    }

    @Test
    void aMisspelledFieldIsCaught() {
        DaemonSet typo =
                new io.fabric8.kubernetes.client.utils.KubernetesSerialization().unmarshal("""
                        apiVersion: apps/v1
                        kind: DaemonSet
                        metadata: {name: x}
                        spec:
                          template:
                            spec:
                              hostNetwrok: true
                              containers: [{name: c, image: i, livenesProbe: {}}]
                        """, DaemonSet.class);
        assertThat(UnknownFields.in(typo))
                .containsExactlyInAnyOrder(
                        "DaemonSet.Spec.Template.Spec: [hostNetwrok]",
                        "DaemonSet.Spec.Template.Spec.Containers[0]: [livenesProbe]");
    }

    @Test
    void theDaemonSetRunsOnEveryNodeInTheHostNetwork() {
        DaemonSet ds = daemonSet();
        assertThat(ds.getMetadata().getNamespace()).isEqualTo("kube-system");
        assertThat(ds.getSpec().getSelector().getMatchLabels())
                .isEqualTo(ds.getSpec().getTemplate().getMetadata().getLabels());
        assertThat(ds.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(ds.getSpec()
                        .getUpdateStrategy()
                        .getRollingUpdate()
                        .getMaxUnavailable()
                        .getIntVal())
                .isEqualTo(1);
        PodSpec pod = pod();
        assertThat(pod.getHostNetwork()).isTrue();
        assertThat(pod.getPriorityClassName()).isEqualTo("system-node-critical");
        assertThat(pod.getServiceAccountName()).isEqualTo("brindle-node");
        assertThat(pod.getTolerations()).anySatisfy(t -> {
            assertThat(t.getOperator()).isEqualTo("Exists");
            assertThat(t.getKey()).isNull();
            assertThat(t.getEffect()).isNull();
        });
    }

    @Test
    void theProbesAskTheAgentsHealthEndpointOnTheHostLoopback() {
        Container node = container(pod().getContainers(), "brindle-node");
        HTTPGetAction live = node.getLivenessProbe().getHttpGet();
        HTTPGetAction ready = node.getReadinessProbe().getHttpGet();
        for (HTTPGetAction probe : List.of(live, ready)) {
            assertThat(probe.getHost()).isEqualTo("127.0.0.1");
            assertThat(probe.getPort().getIntVal()).isEqualTo(9099);
        }
        assertThat(live.getPath()).isEqualTo("/liveness");
        assertThat(ready.getPath()).isEqualTo("/readiness");
        assertThat(agentArgs()).contains("--health-listen=127.0.0.1:9099");
    }

    @Test
    void theNodeNameComesFromTheDownwardApiInBothContainers() {
        for (Container c : List.of(
                container(pod().getContainers(), "brindle-node"),
                container(pod().getInitContainers(), "install-cni"))) {
            EnvVar nodename = c.getEnv().stream()
                    .filter(e -> e.getName().equals("NODENAME"))
                    .findFirst()
                    .orElseThrow();
            assertThat(nodename.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
        }
    }

    /** The args after the kubelet's $(VAR) expansion, with ConfigMap values as shipped. */
    private static List<String> agentArgs() {
        Container node = container(pod().getContainers(), "brindle-node");
        Map<String, String> data =
                DeployManifests.one(ConfigMap.class, "brindle-config").getData();
        Map<String, String> env = new HashMap<>();
        for (EnvVar e : node.getEnv()) {
            if (e.getValue() != null) {
                env.put(e.getName(), e.getValue());
            } else if (e.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = e.getValueFrom().getConfigMapKeyRef();
                assertThat(ref.getName()).isEqualTo("brindle-config");
                assertThat(data).as("ConfigMap key of " + e.getName()).containsKey(ref.getKey());
                env.put(e.getName(), data.get(ref.getKey()));
            } else {
                env.put(e.getName(), "node-a"); // the downward API's spec.nodeName
            }
        }
        return node.getArgs().stream()
                .map(a -> {
                    Matcher m = VAR.matcher(a);
                    StringBuilder out = new StringBuilder();
                    while (m.find()) {
                        assertThat(env).as("args use $(" + m.group(1) + ")").containsKey(m.group(1));
                        m.appendReplacement(out, Matcher.quoteReplacement(env.get(m.group(1))));
                    }
                    return m.appendTail(out).toString();
                })
                .toList();
    }

    @Test
    void theAgentsCommandLineIsOneBrindleNodeAccepts() {
        AgentOptions options = new AgentOptions();
        CommandLine cli = new CommandLine(options).addMixin("networking", new NetworkingOptions());
        CommandLine.ParseResult parsed = cli.parseArgs(agentArgs().toArray(String[]::new));
        assertThat(parsed.matchedOptionValue("--node-name", "")).isEqualTo("node-a");
        assertThat(parsed.matchedOptionValue("--datastore", "")).isEqualTo("kubernetes");
        assertThat(parsed.matchedOptionValue("--ip", "")).isEqualTo("first-found");
        assertThat(container(pod().getContainers(), "brindle-node").getCommand())
                .containsExactly("/opt/brindle/bin/brindle-node");
    }

    @Test
    void theInitContainerRunsInstallCniFromTheImagesJar() throws Exception {
        Container init = container(pod().getInitContainers(), "install-cni");
        List<String> command = init.getCommand();
        assertThat(command.get(0)).isEqualTo("/opt/brindle/jre/bin/java");
        String mainClass = command.get(command.size() - 1);
        assertThat(Class.forName(mainClass).getMethod("main", String[].class)).isNotNull();
        assertThat(mainClass).isEqualTo(InstallCni.class.getName());
        String jar = command.get(command.indexOf("-cp") + 1);
        assertThat(java.nio.file.Files.readString(DeployManifests.DIR.resolve("Dockerfile")))
                .as("the Dockerfile puts the jar where the init container looks")
                .contains(jar);
        Map<String, String> mounts = mounts(init);
        assertThat(hostPathOf(mounts.get("/host/opt/cni/bin"))).isEqualTo("/opt/cni/bin");
        assertThat(hostPathOf(mounts.get("/host/etc/cni/net.d"))).isEqualTo("/etc/cni/net.d");
        assertThat(hostPathOf(mounts.get("/host/opt/brindle"))).isEqualTo("/opt/brindle");
    }

    @Test
    void theAgentMountsTheHostPathsItUses() {
        Container node = container(pod().getContainers(), "brindle-node");
        Map<String, String> mounts = mounts(node);
        for (String path : List.of(
                "/var/run/brindle",
                "/var/lib/brindle",
                "/opt/cni/bin",
                "/etc/cni/net.d",
                "/etc/iproute2/rt_protos.d",
                "/lib/modules",
                "/run/xtables.lock")) {
            assertThat(hostPathOf(mounts.get(path))).as(path).isEqualTo(path);
        }
        assertThat(node.getVolumeMounts())
                .filteredOn(m -> m.getMountPath().equals("/lib/modules"))
                .allMatch(VolumeMount::getReadOnly);
    }

    @Test
    void theAgentIsNotPrivilegedAndHasOnlyTheCapabilitiesItNeeds() {
        for (Container c : List.of(
                container(pod().getContainers(), "brindle-node"),
                container(pod().getInitContainers(), "install-cni"))) {
            var sc = c.getSecurityContext();
            assertThat(sc.getPrivileged()).as(c.getName()).isNotEqualTo(Boolean.TRUE);
            assertThat(sc.getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
            assertThat(sc.getCapabilities().getDrop()).as(c.getName()).containsExactly("ALL");
        }
        assertThat(container(pod().getContainers(), "brindle-node")
                        .getSecurityContext()
                        .getCapabilities()
                        .getAdd())
                .containsExactlyInAnyOrder("NET_ADMIN", "NET_BIND_SERVICE");
        assertThat(container(pod().getInitContainers(), "install-cni")
                        .getSecurityContext()
                        .getCapabilities()
                        .getAdd())
                .isNullOrEmpty();
    }

    @Test
    void theHostedCniPatchMakesOnlyTheAgentPrivilegedAndSharesTheRuntimesNetnsMounts() throws Exception {
        DaemonSet patch = new io.fabric8.kubernetes.client.utils.KubernetesSerialization()
                .unmarshal(
                        java.nio.file.Files.readString(DeployManifests.DIR.resolve("patches/hosted-cni.yml")),
                        DaemonSet.class);
        assertThat(UnknownFields.in(patch)).isEmpty();
        PodSpec spec = patch.getSpec().getTemplate().getSpec();
        Container agent = container(spec.getContainers(), "brindle-node");
        assertThat(agent.getSecurityContext().getPrivileged()).isTrue();
        assertThat(agent.getVolumeMounts()).singleElement().satisfies(m -> {
            assertThat(m.getMountPath()).isEqualTo("/var/run/netns");
            assertThat(m.getMountPropagation()).isEqualTo("HostToContainer");
            assertThat(spec.getVolumes())
                    .filteredOn(v -> v.getName().equals(m.getName()))
                    .singleElement()
                    .satisfies(v -> assertThat(v.getHostPath().getPath()).isEqualTo("/var/run/netns"));
        });
        assertThat(spec.getInitContainers()).isNullOrEmpty();
    }

    /** mountPath → the volume it mounts; every mount names a declared volume. */
    private static Map<String, String> mounts(Container c) {
        Map<String, String> out = new HashMap<>();
        for (VolumeMount m : c.getVolumeMounts()) {
            assertThat(pod().getVolumes()).extracting(Volume::getName).contains(m.getName());
            out.put(m.getMountPath(), m.getName());
        }
        return out;
    }

    private static String hostPathOf(String volume) {
        assertThat(volume).as("a volume is mounted there").isNotNull();
        return pod().getVolumes().stream()
                .filter(v -> v.getName().equals(volume))
                .findFirst()
                .orElseThrow()
                .getHostPath()
                .getPath();
    }

    @Test
    void theConfigMapsConflistChainsBrindleAndPortmap() throws Exception {
        String template = ConflistTemplates.fromConfigMap();
        JsonNode root = new ObjectMapper().readTree(template);
        JsonNode brindle = root.path("plugins").get(0);
        assertThat(brindle.path("type").asText()).isEqualTo("brindle");
        assertThat(brindle.path("ipam").path("type").asText()).isEqualTo("brindle-ipam");
        assertThat(brindle.path("mtu").asInt(-1)).isZero();
        assertThat(brindle.path("agent_socket").asText()).isEqualTo("/var/run/brindle/agent.sock");
        assertThat(root.path("plugins").get(1).path("type").asText()).isEqualTo("portmap");
        assertThat(root.path("plugins")).hasSize(2);
        Conflist.check(template);
    }

    @Test
    void theServiceAccountIsTheOneTheDaemonSetUses() {
        ServiceAccount sa = DeployManifests.one(ServiceAccount.class, "brindle-node");
        assertThat(sa.getMetadata().getNamespace())
                .isEqualTo(daemonSet().getMetadata().getNamespace());
    }
}
