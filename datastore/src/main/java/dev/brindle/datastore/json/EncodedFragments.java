package dev.brindle.datastore.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.brindle.datastore.resource.IPAMBlock;
import dev.brindle.datastore.resource.Node;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the journal's encoding of the entries of a resource's long lists: an allocation's attributes in an IPAMBlock,
 * an attachment in a Node. A block is rewritten whole for every allocation and release in it, and a Node for every pod
 * attached or detached, while all but one entry stay as they were. Serialising the unchanged entries again was most of
 * an agent's CPU on a node with 100 pods (JFR: ~60% of a request in JSON); an entry seen before is now one byte copy.
 *
 * <p>Entries are immutable records (strings and an immutable map), so an equal entry has the same encoding. Only the
 * writer made by {@link #enable} uses the cache, and it writes compact JSON: anywhere else (pretty documents, trees
 * for the Kubernetes client) the entry is serialised as usual. Jackson cannot tell a raw fragment from a written value,
 * so the fragment is made by {@code plain}, a mapper configured as the caller's but without this module: the bytes are
 * exactly those it would have written.
 */
final class EncodedFragments extends SimpleModule {
    /** The writer attribute that turns the cache on. */
    private static final Object ENABLED = EncodedFragments.class;
    /** Entries kept at most (a node has ~110 pods, each with an attribute and an attachment); then it starts over. */
    private static final int CAPACITY = 8192;

    private final ObjectMapper plain;
    private final Map<Object, SerializedString> encoded = new ConcurrentHashMap<>();

    EncodedFragments(ObjectMapper plain) {
        super("brindle-encoded-fragments");
        this.plain = plain;
        addSerializer(IPAMBlock.Attribute.class, new Cached<>());
        addSerializer(Node.Attachment.class, new Cached<>());
    }

    /** {@code writer}, writing compact JSON, with the cache on. */
    static ObjectWriter enable(ObjectWriter writer) {
        return writer.withAttribute(ENABLED, Boolean.TRUE);
    }

    private SerializedString fragment(Object value) throws IOException {
        SerializedString known = encoded.get(value);
        if (known != null) {
            return known;
        }
        if (encoded.size() >= CAPACITY) {
            encoded.clear(); // the pods of a node fit many times over: what is dropped is long gone
        }
        SerializedString made = new SerializedString(plain.writeValueAsString(value));
        encoded.put(value, made);
        return made;
    }

    private final class Cached<T> extends JsonSerializer<T> {
        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (provider.getAttribute(ENABLED) != null) {
                gen.writeRawValue(fragment(value));
            } else {
                plain.writeValue(gen, value);
            }
        }
    }
}
