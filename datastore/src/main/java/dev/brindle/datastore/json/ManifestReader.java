package dev.brindle.datastore.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.brindle.datastore.resource.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the files {@code brindlectl apply -f} takes: YAML (one or more documents separated by {@code ---}) or JSON,
 * holding brindle resources ({@code brindle.dev/v1}) or Calico IPPools ({@code projectcalico.org/v3},
 * {@code crd.projectcalico.org/v1}), which become brindle IPPools. Errors name the file, the document (1-based), the
 * field and its line; a file with any bad document is refused whole.
 */
public final class ManifestReader {
    private static final YAMLFactory YAML = new YAMLFactory();

    private ManifestReader() {}

    public static List<Resource> read(Path file) {
        try {
            return read(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static List<Resource> read(String text, String source) {
        var resources = new ArrayList<Resource>();
        int index = 0;
        try (JsonParser p = YAML.createParser(text)) {
            p.setCodec(ResourceCodec.mapper());
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                index++;
                if (t == JsonToken.VALUE_NULL) {
                    continue; // an empty document between two "---"
                }
                if (t != JsonToken.START_OBJECT) {
                    throw new DocumentException(
                            source,
                            index,
                            List.of(new Problem(
                                    "(document)",
                                    p.currentTokenLocation().getLineNr(),
                                    "must be a mapping with apiVersion," + " kind, metadata and spec")));
                }
                resources.add(convert(LocatedTree.read(p), source, index));
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new DocumentException(source, index, List.of(new Problem("(syntax)", line, e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resources;
    }

    private static Resource convert(LocatedTree doc, String source, int index) {
        String apiVersion = doc.root().path("apiVersion").asText("");
        if (CalicoIPPools.handles(apiVersion)) {
            return ResourceCodec.fromTree(CalicoIPPools.toBrindle(doc, source, index), source, index);
        }
        return ResourceCodec.fromTree(doc, source, index);
    }
}
