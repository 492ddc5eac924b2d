package dev.brindle.agent.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brindle.datastore.kubernetes.KubernetesDatastore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** brindle-node's ClusterRole: everything the kubernetes datastore touches, and nothing else (deploy/rbac.yml). */
class RbacManifestTest {
    private static final Set<String> READ = Set.of("get", "list", "watch");
    private static final Set<String> READ_WRITE = Set.of("get", "list", "watch", "create", "update", "delete");
    /** The IPAM kinds brindle-node writes (ipam's DatastoreIpamStore); every other brindle.dev kind it only reads. */
    private static final Set<String> WRITTEN = Set.of("ipamblocks", "blockaffinities", "ipamhandles");

    /** (apiGroup/resource) → verbs, merged over the rules. */
    private static Map<String, Set<String>> grants() {
        Map<String, Set<String>> out = new HashMap<>();
        for (PolicyRule rule :
                DeployManifests.one(ClusterRole.class, "brindle-node").getRules()) {
            assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
            assertThat(rule.getResourceNames()).isNullOrEmpty();
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    out.computeIfAbsent(group + "/" + resource, k -> new HashSet<>())
                            .addAll(rule.getVerbs());
                }
            }
        }
        return out;
    }

    private static Set<String> crdPlurals() {
        return DeployManifests.crdFiles().stream()
                .flatMap(f -> DeployManifests.parse(f).stream())
                .map(CustomResourceDefinition.class::cast)
                .filter(c -> c.getSpec().getGroup().equals("brindle.dev"))
                .map(c -> c.getSpec().getNames().getPlural())
                .collect(Collectors.toSet());
    }

    @Test
    void theClusterRoleIsBoundToTheServiceAccount() {
        ClusterRoleBinding binding = DeployManifests.one(ClusterRoleBinding.class, "brindle-node");
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo("brindle-node");
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo("brindle-node");
            assertThat(s.getNamespace()).isEqualTo("kube-system");
        });
    }

    @Test
    void everyBrindleResourceInTheCrdsIsGrantedAndNoOther() {
        Set<String> plurals = crdPlurals();
        assertThat(plurals).contains("ippools", "ipamblocks", "blockaffinities", "ipamhandles", "bgppeers");
        Map<String, Set<String>> grants = grants();
        Set<String> brindle = grants.keySet().stream()
                .filter(k -> k.startsWith("brindle.dev/"))
                .map(k -> k.substring("brindle.dev/".length()))
                .collect(Collectors.toSet());
        assertThat(brindle).isEqualTo(plurals);
        for (String plural : plurals) {
            assertThat(grants.get("brindle.dev/" + plural))
                    .as(plural)
                    .isEqualTo(WRITTEN.contains(plural) ? READ_WRITE : READ);
        }
    }

    @Test
    void everyKindTheKubernetesDatastoreStoresHasACrdAndAGrant() {
        Set<String> plurals = crdPlurals();
        Map<String, Set<String>> grants = grants();
        for (var type : KubernetesDatastore.CUSTOM_RESOURCES.values()) {
            String plural = HasMetadata.getPlural(type);
            assertThat(plurals).as(type.getSimpleName()).contains(plural);
            assertThat(grants.get(HasMetadata.getGroup(type) + "/" + plural)).containsAll(READ);
        }
        // The Node record is annotations on the core Node, written by PUT with its resourceVersion.
        assertThat(grants.get("/nodes")).isEqualTo(Set.of("get", "list", "watch", "update"));
    }

    @Test
    void podsAreOnlyReadWithoutWatch() {
        // IPAM GC lists the pods of its own node once per run (ApiNodePods); it neither watches nor writes them.
        assertThat(grants().get("/pods")).isEqualTo(Set.of("get", "list"));
    }

    @Test
    void nothingClusterWideBeyondBrindlesKindsNodesAndPods() {
        Map<String, Set<String>> grants = grants();
        assertThat(grants.keySet())
                .allMatch(
                        k -> k.startsWith("brindle.dev/") || k.equals("/nodes") || k.equals("/pods"),
                        "only brindle.dev, nodes and pods");
        assertThat(grants.values().stream().flatMap(Set::stream))
                .doesNotContain("*", "patch", "deletecollection", "escalate", "bind", "impersonate");
        assertThat(grants.keySet()).noneMatch(k -> k.endsWith("/*") || k.startsWith("*/"));
        List<String> kinds =
                DeployManifests.all().stream().map(HasMetadata::getKind).toList();
        assertThat(kinds).doesNotContain("Role", "RoleBinding");
    }
}
