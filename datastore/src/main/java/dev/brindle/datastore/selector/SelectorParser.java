package dev.brindle.datastore.selector;

import dev.brindle.datastore.selector.Selector.Expr;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Recursive-descent parser for Calico's selector grammar (libcalico-go {@code lib/selector/parser}): {@code ||} binds
 * looser than {@code &&}, which binds looser than {@code !}.
 */
final class SelectorParser {
    private final String text;
    private int pos;

    SelectorParser(String text) {
        this.text = text;
    }

    Expr parse() {
        Expr e = or();
        skipSpace();
        if (pos < text.length()) {
            throw error("unexpected '" + text.substring(pos) + "'");
        }
        return e;
    }

    private Expr or() {
        Expr left = and();
        while (accept("||")) {
            left = new Expr.Or(left, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = unary();
        while (accept("&&")) {
            left = new Expr.And(left, unary());
        }
        return left;
    }

    private Expr unary() {
        if (accept("!")) {
            return new Expr.Not(unary());
        }
        if (accept("(")) {
            Expr inner = or();
            expect(")");
            return inner;
        }
        if (accept("all()")) {
            return new Expr.All();
        }
        if (accept("global()")) {
            throw error("global() is not allowed here");
        }
        if (accept("has(")) {
            String key = key();
            expect(")");
            return new Expr.Has(key);
        }
        return comparison();
    }

    private Expr comparison() {
        String key = key();
        if (accept("==")) {
            return new Expr.Equals(key, quoted());
        }
        if (accept("!=")) {
            return new Expr.Not(new Expr.Equals(key, quoted()));
        }
        if (accept("not in")) {
            return new Expr.Not(new Expr.In(key, valueSet()));
        }
        if (accept("in")) {
            return new Expr.In(key, valueSet());
        }
        throw error("expected ==, !=, in or not in after label '" + key + "'");
    }

    private Set<String> valueSet() {
        expect("{");
        Set<String> values = new LinkedHashSet<>();
        if (!accept("}")) {
            do {
                values.add(quoted());
            } while (accept(","));
            expect("}");
        }
        return values;
    }

    private String key() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && isKeyChar(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a label name");
        }
        return text.substring(start, pos);
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '/' || c == '-';
    }

    private String quoted() {
        skipSpace();
        if (pos >= text.length() || (text.charAt(pos) != '\'' && text.charAt(pos) != '"')) {
            throw error("expected a quoted value");
        }
        char quote = text.charAt(pos);
        int end = text.indexOf(quote, pos + 1);
        if (end < 0) {
            throw error("unterminated string");
        }
        String value = text.substring(pos + 1, end);
        pos = end + 1;
        return value;
    }

    private boolean accept(String token) {
        skipSpace();
        if (text.startsWith(token, pos)) {
            // "in" must not swallow the start of a label such as "index".
            int after = pos + token.length();
            if (Character.isLetter(token.charAt(token.length() - 1))
                    && after < text.length()
                    && isKeyChar(text.charAt(after))) {
                return false;
            }
            pos = after;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw error("expected '" + token + "'");
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("selector '" + text + "' at column " + (pos + 1) + ": " + what);
    }
}
