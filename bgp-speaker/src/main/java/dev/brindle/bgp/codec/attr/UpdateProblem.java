package dev.brindle.bgp.codec.attr;

/** One error found in an UPDATE: the attribute type (0 when not about one attribute), kind, detail and decision. */
public record UpdateProblem(int typeCode, Malformation kind, String detail, UpdateErrorDecision decision) {
    public static UpdateProblem of(int typeCode, Malformation kind, String detail) {
        return new UpdateProblem(typeCode, kind, detail, UpdateErrorPolicy.decide(typeCode, kind));
    }

    @Override
    public String toString() {
        return decision.action() + " (" + decision.rule() + "): attribute " + typeCode + " " + kind + ": " + detail;
    }
}
