package dev.brindle.ipam;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Calico's label selector language, enough of it for IPPool {@code nodeSelector}: {@code all()}, {@code has(k)},
 * {@code k == 'v'}, {@code k != 'v'}, {@code k in {'a','b'}}, {@code k not in {...}}, {@code !}, {@code &&},
 * {@code ||} and parentheses. An empty selector selects every node.
 */
public final class NodeSelector {
    private final String text;
    private final Predicate<Map<String, String>> predicate;

    private NodeSelector(String text, Predicate<Map<String, String>> predicate) {
        this.text = text;
        this.predicate = predicate;
    }

    public static NodeSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return new NodeSelector("all()", labels -> true);
        }
        var parser = new Parser(text);
        Predicate<Map<String, String>> p = parser.or();
        parser.skipSpace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text");
        }
        return new NodeSelector(text, p);
    }

    public boolean matches(Map<String, String> labels) {
        return predicate.test(labels);
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Predicate<Map<String, String>> or() {
            Predicate<Map<String, String>> left = and();
            while (eat("||")) {
                left = left.or(and());
            }
            return left;
        }

        Predicate<Map<String, String>> and() {
            Predicate<Map<String, String>> left = unary();
            while (eat("&&")) {
                left = left.and(unary());
            }
            return left;
        }

        Predicate<Map<String, String>> unary() {
            if (eat("!")) {
                return unary().negate();
            }
            if (eat("(")) {
                Predicate<Map<String, String>> inner = or();
                expect(")");
                return inner;
            }
            if (eat("all()")) {
                return labels -> true;
            }
            if (eat("global()")) {
                throw error("global() is not allowed in a nodeSelector");
            }
            if (eat("has(")) {
                String key = label();
                expect(")");
                return labels -> labels.containsKey(key);
            }
            return comparison(label());
        }

        private Predicate<Map<String, String>> comparison(String key) {
            if (eat("==")) {
                String v = quoted();
                return labels -> v.equals(labels.get(key));
            }
            if (eat("!=")) {
                String v = quoted();
                return labels -> !v.equals(labels.get(key));
            }
            if (eat("not in")) {
                Set<String> set = set();
                return labels -> !set.contains(labels.get(key));
            }
            if (eat("in")) {
                Set<String> set = set();
                return labels -> set.contains(labels.get(key));
            }
            throw error("expected ==, !=, in or not in after label " + key);
        }

        private Set<String> set() {
            expect("{");
            Set<String> out = new HashSet<>();
            if (!eat("}")) {
                do {
                    out.add(quoted());
                } while (eat(","));
                expect("}");
            }
            return out;
        }

        private String label() {
            skipSpace();
            int start = pos;
            while (pos < s.length() && isLabelChar(s.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a label name");
            }
            return s.substring(start, pos);
        }

        private static boolean isLabelChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '/' || c == '-';
        }

        private String quoted() {
            skipSpace();
            if (pos >= s.length() || (s.charAt(pos) != '\'' && s.charAt(pos) != '"')) {
                throw error("expected a quoted value");
            }
            char q = s.charAt(pos);
            int end = s.indexOf(q, pos + 1);
            if (end < 0) {
                throw error("unterminated quoted value");
            }
            String v = s.substring(pos + 1, end);
            pos = end + 1;
            return v;
        }

        boolean eat(String token) {
            skipSpace();
            if (s.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        void expect(String token) {
            if (!eat(token)) {
                throw error("expected '" + token + "'");
            }
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("nodeSelector \"" + s + "\": " + what + " at character " + (pos + 1));
        }
    }
}
