package dev.brindle.ctl;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Go's {@code %.5g} and {@code %.f}, which calicoctl's {@code ipam show} uses for its counts (calico-facts §6.3). */
final class GoFormat {
    private GoFormat() {}

    /** {@code %.<precision>g}: shortest of plain and exponent form, trailing zeros removed ({@code 1.0486e+06}). */
    static String g(double value, int precision) {
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String sign = exponent < 0 ? "-" : "+";
            int abs = Math.abs(exponent);
            return mantissa.toPlainString() + "e" + sign + (abs < 10 ? "0" : "") + abs;
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** {@code %.f}: rounded to an integer, halves to even. */
    static String f0(double value) {
        return new BigDecimal(value).setScale(0, RoundingMode.HALF_EVEN).toPlainString();
    }
}
