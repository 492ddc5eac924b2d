package dev.brindle.agent.install;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Fields of a parsed manifest the Kubernetes schema does not know. fabric8's model classes keep any field they do
 * not declare in {@code additionalProperties} instead of failing, so a typo ({@code hostNetwrok: true}) parses
 * silently; the API server would drop or reject it. This walks the typed object tree and lists them.
 */
final class UnknownFields {
    private UnknownFields() {}

    static List<String> in(Object root) {
        List<String> found = new ArrayList<>();
        walk(root, root.getClass().getSimpleName(), found);
        return found;
    }

    private static void walk(Object o, String path, List<String> found) {
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (o == null || !o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0
                    || !m.getName().startsWith("get")
                    || Modifier.isStatic(m.getModifiers())
                    || m.getName().equals("getClass")
                    || m.getDeclaringClass().isInterface()) { // HasMetadata's derived names, not fields
                continue;
            }
            Object value = invoke(m, o);
            if (m.getName().equals("getAdditionalProperties")) {
                // A custom resource keeps its whole content there; DefaultPoolManifestTest checks it by its CRD.
                if (!(o instanceof GenericKubernetesResource) && value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(path + ": " + extra.keySet());
                }
            } else {
                walk(value, path + "." + m.getName().substring(3), found);
            }
        }
    }

    private static Object invoke(Method m, Object o) {
        try {
            return m.invoke(o);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(m + ": " + e, e);
        }
    }
}
