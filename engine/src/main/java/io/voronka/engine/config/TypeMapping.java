package io.voronka.engine.config;

/**
 * How a source's rows get their event type: from a column (integer ids, or names in a text column) or one
 * constant type name for every row. Exactly one of the two is set.
 */
public record TypeMapping(String column, String constant) {
    public TypeMapping {
        if ((column == null) == (constant == null)) {
            throw new IllegalArgumentException("exactly one of column and constant must be set, got column=" + column
                    + ", constant=" + constant);
        }
    }

    public static TypeMapping ofColumn(String column) {
        return new TypeMapping(column, null);
    }

    public static TypeMapping ofConstant(String name) {
        return new TypeMapping(null, name);
    }

    public boolean isConstant() {
        return constant != null;
    }
}
