package dev.brindle.datastore.selector;

import java.util.Map;
import java.util.Set;

/**
 * A Calico label selector ({@code all()}, {@code k == 'v'}, {@code k != 'v'}, {@code has(k)}, {@code !has(k)},
 * {@code k in {'a','b'}}, {@code k not in {..}}, {@code &&}, {@code ||}, parentheses), evaluated against a node's
 * labels. Equality by source text. As in Calico, {@code k != 'v'} and {@code not in} also match when the label is
 * absent.
 */
public final class Selector {
    public static final Selector ALL = parse("all()");

    private final String source;
    private final Expr root;

    private Selector(String source, Expr root) {
        this.source = source;
        this.root = root;
    }

    /** Parses a selector; an empty or blank text means {@code all()}. Throws IllegalArgumentException with the column. */
    public static Selector parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return new Selector("all()", new Expr.All());
        }
        return new Selector(trimmed, new SelectorParser(trimmed).parse());
    }

    public boolean matches(Map<String, String> labels) {
        return root.matches(labels);
    }

    public boolean selectsAll() {
        return root instanceof Expr.All;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Selector s && s.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }

    /** The selector's syntax tree. */
    sealed interface Expr {
        boolean matches(Map<String, String> labels);

        record All() implements Expr {
            public boolean matches(Map<String, String> labels) {
                return true;
            }
        }

        record Has(String key) implements Expr {
            public boolean matches(Map<String, String> labels) {
                return labels.containsKey(key);
            }
        }

        record Equals(String key, String value) implements Expr {
            public boolean matches(Map<String, String> labels) {
                return value.equals(labels.get(key));
            }
        }

        record In(String key, Set<String> values) implements Expr {
            public boolean matches(Map<String, String> labels) {
                return labels.containsKey(key) && values.contains(labels.get(key));
            }
        }

        record Not(Expr inner) implements Expr {
            public boolean matches(Map<String, String> labels) {
                return !inner.matches(labels);
            }
        }

        record And(Expr left, Expr right) implements Expr {
            public boolean matches(Map<String, String> labels) {
                return left.matches(labels) && right.matches(labels);
            }
        }

        record Or(Expr left, Expr right) implements Expr {
            public boolean matches(Map<String, String> labels) {
                return left.matches(labels) || right.matches(labels);
            }
        }
    }
}
