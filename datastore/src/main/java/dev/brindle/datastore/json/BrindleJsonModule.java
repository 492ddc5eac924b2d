package dev.brindle.datastore.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.brindle.core.AddressWithPrefix;
import dev.brindle.core.IpAddresses;
import dev.brindle.core.IpPrefix;
import dev.brindle.core.MacAddress;
import dev.brindle.datastore.selector.Selector;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Jackson (de)serializers for the value types resources hold, all as strings in their usual text form. Addresses are
 * parsed strictly, never through DNS (Jackson's own InetAddress deserializer would resolve names).
 */
public final class BrindleJsonModule extends SimpleModule {
    public BrindleJsonModule() {
        super("brindle");
        text(IpPrefix.class, IpPrefix::parse, "a strictly masked CIDR such as 10.244.0.0/16");
        text(
                AddressWithPrefix.class,
                AddressWithPrefix::parse,
                "an address with prefix length such as 192.168.1.10/24");
        text(MacAddress.class, MacAddress::parse, "a MAC address such as 66:0a:1b:2c:3d:4e");
        text(Selector.class, Selector::parse, "a selector such as all() or zone == 'a'");
        text(Instant.class, Instant::parse, "an RFC 3339 time such as 2026-01-01T00:00:00Z");
        addSerializer(InetAddress.class, new JsonSerializer<>() {
            @Override
            public void serialize(InetAddress value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(IpAddresses.format(value));
            }
        });
        addDeserializer(InetAddress.class, parser(InetAddress.class, IpAddresses::parse, "an IP address"));
    }

    private <T> void text(Class<T> type, Function<String, T> parse, String expected) {
        addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(value.toString());
            }
        });
        addDeserializer(type, parser(type, parse, expected));
    }

    private static <T> JsonDeserializer<T> parser(Class<T> type, Function<String, T> parse, String expected) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                if (text == null) {
                    return type.cast(ctxt.handleUnexpectedToken(type, p));
                }
                try {
                    return parse.apply(text);
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    throw ctxt.weirdStringException(text, type, "must be " + expected + " (" + e.getMessage() + ")");
                }
            }
        };
    }
}
