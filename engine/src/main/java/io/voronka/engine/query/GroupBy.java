package io.voronka.engine.query;

import java.util.List;

/**
 * A breakdown of up to {@value #MAX_PARTS} levels ({@code by department, operator_group}). With {@code top > 0}
 * only the {@code top} best groups of the last level are kept within each group of the levels before it
 * ({@code top 1 operator by department}: the best operator of each department), ranked by the measure;
 * {@code minSize} leaves out groups with fewer events than that (rates: denominator events; values: values).
 */
public record GroupBy(List<GroupPart> parts, int top, long minSize) {
    public static final int MAX_PARTS = 2;
    public static final GroupBy NONE = new GroupBy(List.of(), 0, 0);

    public GroupBy {
        parts = List.copyOf(parts);
        if (parts.size() > MAX_PARTS) {
            throw new IllegalArgumentException("a breakdown has at most " + MAX_PARTS + " levels, was " + parts.size());
        }
        if (top < 0 || minSize < 0) {
            throw new IllegalArgumentException("top and min must be >= 0, were " + top + " and " + minSize);
        }
        if (top > 0 && parts.isEmpty()) {
            throw new IllegalArgumentException("top needs something to rank: top 3 operator");
        }
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }
}
