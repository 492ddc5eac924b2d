package dev.brindle.ctl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.brindle.datastore.json.DocumentException;
import dev.brindle.datastore.json.LocatedTree;
import dev.brindle.datastore.json.Problem;
import dev.brindle.datastore.json.ResourceCodec;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Metadata;
import dev.brindle.datastore.resource.Resource;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the documents of an {@code apply -f} file (YAML, several documents separated by {@code ---}, or JSON, which is
 * YAML too) into resources. Calico IPPool documents are converted first; every refusal names the file, the document
 * and the field with its line.
 */
final class ManifestReader {
    private static final YAMLFactory YAML = new YAMLFactory();

    private ManifestReader() {}

    static List<Resource> read(byte[] text, String source, Consumer<String> warn) {
        List<Resource> out = new ArrayList<>();
        try (JsonParser p = YAML.createParser(text)) {
            int index = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                LocatedTree tree = LocatedTree.read(p);
                if (CalicoIpPool.isCalico(tree.root())) {
                    CalicoIpPool.Converted c = CalicoIpPool.convert(tree.root());
                    c.warnings().forEach(warn);
                    tree = new LocatedTree(c.doc(), tree.lines());
                }
                fillPrimitiveDefaults(tree.root());
                out.add(ResourceCodec.fromTree(tree, source, index++));
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new DocumentException(
                    source, out.size(), List.of(new Problem("(syntax)", line, e.getOriginalMessage())));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /**
     * A hand-written document leaves out what it does not care about ({@code disabled: false}, the revision); the
     * codec maps records strictly, so absent primitive fields get their zero value here, as Calico's defaults are.
     */
    private static void fillPrimitiveDefaults(JsonNode root) {
        if (!(root instanceof ObjectNode doc)) {
            return;
        }
        fill(doc.get("metadata"), Metadata.class);
        Kind.named(doc.path("kind").asText()).ifPresent(k -> fill(doc.get("spec"), k.specType()));
    }

    private static void fill(JsonNode node, Class<? extends Record> type) {
        if (!(node instanceof ObjectNode obj)) {
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (obj.has(c.getName()) || !c.getType().isPrimitive()) {
                continue;
            }
            if (c.getType() == boolean.class) {
                obj.put(c.getName(), false);
            } else {
                obj.put(c.getName(), 0);
            }
        }
    }
}
