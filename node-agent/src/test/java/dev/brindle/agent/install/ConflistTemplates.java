package dev.brindle.agent.install;

import io.fabric8.kubernetes.api.model.ConfigMap;

/** The conflist template as shipped: the brindle-config ConfigMap's cni_network_config. */
final class ConflistTemplates {
    private ConflistTemplates() {}

    static String fromConfigMap() {
        String template =
                DeployManifests.one(ConfigMap.class, "brindle-config").getData().get("cni_network_config");
        if (template == null) {
            throw new AssertionError("ConfigMap brindle-config has no cni_network_config");
        }
        return template;
    }
}
