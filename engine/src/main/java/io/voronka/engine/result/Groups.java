package io.voronka.engine.result;

/** The names of the groups every breakdown has besides the dimension's values. */
public final class Groups {
    /** The whole population: the first row or series of every result. */
    public static final String ALL = "all";
    /** Events or users without a value of the breakdown dimension. */
    public static final String NONE = "(none)";

    private Groups() {
    }
}
