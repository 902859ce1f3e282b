package io.voronka.engine.eval;

import io.voronka.engine.result.Groups;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SparseIntColumn;

import java.util.Optional;

/**
 * The groups of a breakdown by one dimension: group {@code g < size()-1} is the dimension's value code {@code g},
 * the last group is {@link Groups#NONE} (no value). Without a breakdown there is one group, {@link Groups#ALL}.
 */
public final class Grouping {
    private final Dimension dimension;
    private final int index;
    private final int count;

    private Grouping(Dimension dimension, int index, int count) {
        this.dimension = dimension;
        this.index = index;
        this.count = count;
    }

    /** Groups by the named dimension, or one group when {@code name} is empty. */
    public static Grouping of(EventStore store, Optional<String> name) {
        if (name.isEmpty()) {
            return new Grouping(null, -1, 1);
        }
        int index = EventMatcher.dimension(store, name.get());
        Dimension dimension = store.dimensions().get(index);
        return new Grouping(dimension, index, dimension.size() + 1);
    }

    public boolean isBreakdown() {
        return index >= 0;
    }

    /** How many groups, the none-group included. */
    public int count() {
        return count;
    }

    public int noneGroup() {
        return count - 1;
    }

    /** The dimension's column in a segment; null without a breakdown. */
    public SparseIntColumn column(Segment segment) {
        return index < 0 ? null : segment.dimension(index);
    }

    /** The group of event {@code p} in {@code column} (0 without a breakdown). */
    public int groupOf(SparseIntColumn column, int p) {
        if (column == null) {
            return 0;
        }
        int code = column.get(p);
        return code < 0 ? count - 1 : code;
    }

    /** The group of the first event in {@code [from, to)} that has a value (first touch); none-group if no event has. */
    public int firstTouch(SparseIntColumn column, int from, int to) {
        for (int p = from; p < to; p++) {
            int code = column.get(p);
            if (code >= 0) {
                return code;
            }
        }
        return count - 1;
    }

    /** The name of group {@code g}. */
    public String name(int g) {
        if (index < 0) {
            return Groups.ALL;
        }
        return g == count - 1 ? Groups.NONE : dimension.value(g);
    }
}
