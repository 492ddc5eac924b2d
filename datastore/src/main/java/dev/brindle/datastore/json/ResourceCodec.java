package dev.brindle.datastore.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brindle.datastore.resource.FieldError;
import dev.brindle.datastore.resource.Kind;
import dev.brindle.datastore.resource.Metadata;
import dev.brindle.datastore.resource.Resource;
import dev.brindle.datastore.resource.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Resources to and from their JSON document form ({@code apiVersion: brindle.dev/v1}, {@code kind}, {@code metadata},
 * {@code spec}), the form the file store keeps and {@code brindlectl apply} reads. Reading reports every problem with
 * its field and line.
 */
public final class ResourceCodec {
    private static final ObjectMapper MAPPER = configured()
            .addModule(new EncodedFragments(configured()
                    .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                    .build()))
            .build();

    private static JsonMapper.Builder configured() {
        return JsonMapper.builder()
                .addModule(new BrindleJsonModule())
                // Empty fields are left out, but never an entry of a map: a label or annotation may be "" (Kubernetes'
                // node-role labels are), and leaving it out would lose it.
                .defaultPropertyInclusion(
                        JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.ALWAYS))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private ResourceCodec() {}

    /** The mapper configured for brindle's value types (for the Kubernetes client and YAML readers). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode toTree(Resource resource) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("apiVersion", Kind.API_VERSION);
        doc.put("kind", resource.kind().name());
        doc.set("metadata", MAPPER.valueToTree(resource.metadata()));
        doc.set("spec", MAPPER.valueToTree(resource.spec()));
        return doc;
    }

    /** The document form, indented (files people read, and whose lines errors cite). */
    public static byte[] toJson(Resource resource) {
        return write(PRETTY, resource);
    }

    /** One line, no indentation: the journal's form. */
    public static byte[] toCompactJson(Resource resource) {
        return write(COMPACT, resource);
    }

    /** The document's shape, serialized directly (about twice as fast as through a tree). */
    private record Document(String apiVersion, String kind, Metadata metadata, Record spec) {}

    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
    private static final ObjectWriter COMPACT = EncodedFragments.enable(MAPPER.writer());

    private static byte[] write(ObjectWriter writer, Resource r) {
        try {
            return writer.writeValueAsBytes(
                    new Document(Kind.API_VERSION, r.kind().name(), r.metadata(), r.spec()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a single JSON document; {@code source} names it in errors (a file path). */
    public static Resource fromJson(byte[] json, String source) {
        try (JsonParser p = MAPPER.createParser(json)) {
            if (p.nextToken() == null) {
                throw new DocumentException(source, 0, List.of(new Problem("(document)", 1, "is empty")));
            }
            return fromTree(LocatedTree.read(p), source, 0);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new DocumentException(source, 0, List.of(new Problem("(syntax)", line, e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds a brindle resource from a parsed document. */
    public static Resource fromTree(LocatedTree doc, String source, int index) {
        JsonNode root = doc.root();
        var problems = new ArrayList<Problem>();
        String apiVersion = root.path("apiVersion").asText("");
        if (!Kind.API_VERSION.equals(apiVersion)) {
            problems.add(problem(doc, "apiVersion", "must be " + Kind.API_VERSION + ", got '" + apiVersion + "'"));
        }
        String kindName = root.path("kind").asText("");
        Kind<?> kind =
                Kind.named(kindName).filter(k -> k.name().equals(kindName)).orElse(null);
        if (kind == null) {
            problems.add(problem(doc, "kind", "must be one of " + Kind.all() + ", got '" + kindName + "'"));
        }
        root.fieldNames().forEachRemaining(f -> {
            if (!List.of("apiVersion", "kind", "metadata", "spec", "status").contains(f)) {
                problems.add(problem(doc, f, "unknown field"));
            }
        });
        Metadata metadata = part(doc, "metadata", Metadata.class, problems);
        Record spec = kind == null ? null : part(doc, "spec", kind.specType(), problems);
        if (!problems.isEmpty()) {
            throw new DocumentException(source, index, problems);
        }
        return kind.create(metadata, spec);
    }

    private static <T> T part(LocatedTree doc, String field, Class<T> type, List<Problem> problems) {
        JsonNode node = doc.root().get(field);
        if (node == null || node.isNull()) {
            problems.add(problem(doc, field, "is required"));
            return null;
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof ValidationException v) {
                for (FieldError fe : v.errors()) {
                    problems.add(problem(doc, fe.field(), fe.message()));
                }
            } else {
                problems.add(problem(doc, field, String.valueOf(e.getCause().getMessage())));
            }
        } catch (JsonMappingException e) {
            String path = field + pathOf(e);
            problems.add(problem(doc, path, describe(e)));
        } catch (JsonProcessingException e) {
            problems.add(problem(doc, field, e.getOriginalMessage()));
        }
        return null;
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field (known: " + u.getKnownPropertyIds() + ")";
        }
        if (e instanceof InvalidFormatException f
                && f.getTargetType() != null
                && f.getTargetType().isEnum()) {
            return "must be one of " + Arrays.toString(f.getTargetType().getEnumConstants()) + ", got '" + f.getValue()
                    + "'";
        }
        if (e instanceof InvalidFormatException f) {
            String rule = f.getOriginalMessage()
                    .replaceFirst("(?s)^Cannot deserialize value of type `[^`]*` from String \".*?\": ", "");
            return rule + ", got '" + f.getValue() + "'";
        }
        return e.getOriginalMessage();
    }

    private static Problem problem(LocatedTree doc, String field, String message) {
        return new Problem(field, doc.lineOf(field), message);
    }
}
