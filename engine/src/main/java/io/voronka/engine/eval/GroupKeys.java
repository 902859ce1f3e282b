package io.voronka.engine.eval;

import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.query.GroupPart;
import io.voronka.engine.result.Groups;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SparseIntColumn;

import java.util.ArrayList;
import java.util.List;

/**
 * The groups of a breakdown of up to two levels, numbered in mixed radix: {@code g = code(level 0) · size(1) +
 * code(level 1)}. A dimension level's code is the event's own value, else the user's first touch (their earliest
 * event with a value), else the last code, {@link Groups#NONE}; a calendar level's code is the event's weekday
 * (0 = Monday) or hour of day in the store's zone. Without levels there is one group. Immutable; the per-user
 * first-touch codes live in a caller's scratch array.
 */
public final class GroupKeys {
    private final int[] dimension;
    private final Dimension[] dimensions;
    private final CalendarBuckets[] calendar;
    private final int[] size;
    private final int count;

    public GroupKeys(EventStore store, List<GroupPart> parts, TimeRange shown) {
        int levels = parts.size();
        dimension = new int[levels];
        dimensions = new Dimension[levels];
        calendar = new CalendarBuckets[levels];
        size = new int[levels];
        long total = 1;
        for (int level = 0; level < levels; level++) {
            GroupPart part = parts.get(level);
            if (part instanceof GroupPart.Calendar c) {
                dimension[level] = -1;
                calendar[level] = new CalendarBuckets(store.zone(), c.part(), shown.from(), shown.to());
                size[level] = calendar[level].count();
            } else {
                int d = EventMatcher.dimension(store, part.name());
                dimension[level] = d;
                dimensions[level] = store.dimensions().get(d);
                size[level] = dimensions[level].size() + 1;
            }
            total *= size[level];
        }
        if (total > 10_000_000) {
            throw VoronkaException.user("the breakdown has too many groups (" + total + ")");
        }
        count = (int) total;
    }

    public int levels() {
        return size.length;
    }

    /** How many groups (the product of the levels' sizes). */
    public int count() {
        return count;
    }

    /** Fills {@code firstTouch[level]} with the user's first-touch code of each dimension level. */
    public void startUser(Segment segment, int from, int to, int[] firstTouch) {
        for (int level = 0; level < dimension.length; level++) {
            if (dimension[level] < 0) {
                continue;
            }
            SparseIntColumn column = segment.dimension(dimension[level]);
            int code = size[level] - 1;
            for (int p = from; p < to; p++) {
                int c = column.get(p);
                if (c >= 0) {
                    code = c;
                    break;
                }
            }
            firstTouch[level] = code;
        }
    }

    /** The group of event {@code p} at stored time {@code time}. */
    public int groupOf(Segment segment, int p, int time, int[] firstTouch) {
        int g = 0;
        for (int level = 0; level < size.length; level++) {
            int code;
            if (dimension[level] < 0) {
                code = calendar[level].bucketOf(time);
            } else {
                code = segment.dimension(dimension[level]).get(p);
                if (code < 0) {
                    code = firstTouch[level];
                }
            }
            g = g * size[level] + code;
        }
        return g;
    }

    /** Group {@code g}'s code at {@code level}. */
    public int code(int g, int level) {
        int rest = g;
        for (int l = size.length - 1; l > level; l--) {
            rest /= size[l];
        }
        return rest % size[level];
    }

    /** The labels of a calendar level in calendar order; empty for a dimension level. */
    public List<String> calendarLabels(int level) {
        return calendar[level] == null ? List.of() : calendar[level].labels();
    }

    /** The names of group {@code g}'s levels ({@link Groups#ALL} alone without levels). */
    public List<String> names(int g) {
        if (size.length == 0) {
            return List.of(Groups.ALL);
        }
        List<String> names = new ArrayList<>(size.length);
        for (int level = 0; level < size.length; level++) {
            int code = code(g, level);
            if (dimension[level] < 0) {
                names.add(calendar[level].label(code));
            } else {
                names.add(code == size[level] - 1 ? Groups.NONE : dimensions[level].value(code));
            }
        }
        return names;
    }
}
