package dev.brindle.ctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.brindle.datastore.json.ResourceCodec;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Resource;
import java.io.PrintWriter;
import java.util.List;

/** Resources as YAML or JSON documents: one object when one was asked for by name, else a {@code <Kind>List}. */
final class Output {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private Output() {}

    static void print(PrintWriter out, List<? extends Resource> resources, Kind<?> kind, boolean single, boolean yaml)
            throws JsonProcessingException {
        Object doc;
        if (single && resources.size() == 1) {
            doc = ResourceCodec.toTree(resources.get(0));
        } else {
            ObjectNode list = ResourceCodec.mapper().createObjectNode();
            list.put("apiVersion", Kind.API_VERSION);
            list.put("kind", kind.name() + "List");
            ArrayNode items = list.putArray("items");
            resources.forEach(r -> items.add(ResourceCodec.toTree(r)));
            doc = list;
        }
        out.print(
                yaml
                        ? YAML.writeValueAsString(doc)
                        : ResourceCodec.mapper()
                                        .writerWithDefaultPrettyPrinter()
                                        .writeValueAsString(doc) + "\n");
        out.flush();
    }
}
