package io.gpudoctor.agent.metrics;

import java.math.BigDecimal;

/**
 * Sample values written as Prometheus' Go client writes them ({@code expfmt}): Go's shortest
 * {@code %g} ({@code strconv.FormatFloat(v, 'g', -1, 64)}), so {@code 2.1e+08}, {@code 1.795428e+09},
 * {@code 12}, {@code 0.5}; {@code +Inf}, {@code -Inf}, {@code NaN}. OpenMetrics requires a float to
 * look like one, so there a number without a point or an exponent gets {@code .0}, as the Go
 * client's OpenMetrics writer does.
 */
final class GoFloat {

    /** Go's shortest {@code %g} writes an exponent from 10^6 up and below 10^-4. */
    private static final int EXPONENT_FROM = 6;
    private static final int EXPONENT_BELOW = -4;

    private GoFloat() {
    }

    /** The value as the Go client's Prometheus text writer prints it. */
    static String text(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return "0";
        }
        // Double.toString gives the shortest digits that read back to the same double, as Go's does.
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent < EXPONENT_BELOW || exponent >= EXPONENT_FROM) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String power = Integer.toString(Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (power.length() < 2 ? "0" + power : power);
        }
        return sign + exact.toPlainString();
    }

    /** The value as the Go client's OpenMetrics writer prints it: as {@link #text} but always a float. */
    static String openMetrics(double value) {
        String text = text(value);
        boolean floatLooking = text.contains(".") || text.contains("e") || text.contains("Inf") || text.equals("NaN");
        return floatLooking ? text : text + ".0";
    }
}
