package io.rpmkit.format;

import java.util.Arrays;
import java.util.Optional;

/** Version comparisons of a dependency, with their RPMSENSE_LESS/GREATER/EQUAL bits. */
public enum Comparison {
    ANY("", 0),
    LESS("<", 0x02),
    LESS_OR_EQUAL("<=", 0x02 | 0x08),
    EQUAL("=", 0x08),
    GREATER_OR_EQUAL(">=", 0x04 | 0x08),
    GREATER(">", 0x04);

    private final String operator;
    private final int senseBits;

    Comparison(String operator, int senseBits) {
        this.operator = operator;
        this.senseBits = senseBits;
    }

    public String operator() {
        return operator;
    }

    public int senseBits() {
        return senseBits;
    }

    public static Optional<Comparison> ofOperator(String operator) {
        String normalized = "==".equals(operator) ? "=" : operator;
        return Arrays.stream(values()).filter(c -> c != ANY && c.operator.equals(normalized)).findFirst();
    }
}
