package io.voronka.engine.query;

/** Keep events whose numeric value compares as asked with {@code number}; an event without a value fails. */
public record ValueFilter(Comparison comparison, double number) implements EventFilter {
    public ValueFilter {
        if (Double.isNaN(number)) {
            throw new IllegalArgumentException("a value comparison needs a number");
        }
    }

    /** The comparisons a value filter can make. */
    public enum Comparison {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean test(double value, double number) {
            return switch (this) {
                case EQ -> value == number;
                case NE -> value != number;
                case LT -> value < number;
                case LE -> value <= number;
                case GT -> value > number;
                case GE -> value >= number;
            };
        }
    }

    public boolean test(double value) {
        return comparison.test(value, number);
    }
}
