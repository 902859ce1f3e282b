package io.voronka.engine.eval;

import io.voronka.engine.result.Groups;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SparseIntColumn;

import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The groups of a breakdown by one dimension: group {@code g < size()-1} is the dimension's value code {@code g},
 * the last group is {@link Groups#NONE} (no value). Without a breakdown there is one group, {@link Groups#ALL}.
 */
public final class Grouping {
    /** Numbers one answer may hold (groups × buckets or steps); more is refused before the scan. */
    public static final int MAX_ANSWER_CELLS = 1_000_000;
    /** For {@link #checkAnswerSize}: the query kind keeps every group (no {@code top K}). */
    public static final int NO_TOP = -1;

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

    /**
     * Refuses a breakdown whose answer would hold more than {@value #MAX_ANSWER_CELLS} numbers ({@code shown} groups
     * × {@code cellsPerGroup}) before any work is done: too_large, suggesting {@code top K} (issue 11).
     *
     * @param top the groups kept ({@code top K}), 0 for all, {@link #NO_TOP} when the query kind has no {@code top}
     */
    public void checkAnswerSize(int top, long cellsPerGroup, String perGroup) {
        long shown = top > 0 ? Math.min(top, count) : count;
        if (shown * cellsPerGroup <= MAX_ANSWER_CELLS) {
            return;
        }
        long fitting = Math.max(1, MAX_ANSWER_CELLS / Math.max(1, cellsPerGroup));
        String suggestion = isBreakdown() && top != NO_TOP && fitting >= 2
                ? "keep the largest groups with 'top " + Math.min(20, fitting) + " " + dimension.name() + "' in place of 'by "
                + dimension.name() + "'" + (top > 0 ? " (at most top " + fitting + ")" : "") + ", or "
                : "";
        throw new VoronkaException(ErrorKind.TOO_LARGE, String.format(Locale.ROOT,
                "the answer would hold %,d groups × %,d %s = %,d numbers, more than the %,d an answer may hold; %s"
                        + "use a coarser bucket or a shorter range", shown, cellsPerGroup, perGroup,
                shown * cellsPerGroup, MAX_ANSWER_CELLS, suggestion));
    }

    /**
     * The groups to show, best first when {@code top > 0} (the {@code top} largest {@code score}s, ties by group
     * order), else every group in order. Linear in groups plus a sort of the kept ones' candidates.
     */
    public int[] shown(int top, double[] score) {
        int[] all = new int[count];
        for (int g = 0; g < count; g++) {
            all[g] = g;
        }
        if (top <= 0 || top >= count) {
            return top <= 0 ? all : byScore(all, score);
        }
        return Arrays.copyOf(byScore(all, score), top);
    }

    private static int[] byScore(int[] groups, double[] score) {
        return Arrays.stream(groups).boxed()
                .sorted((a, b) -> a.equals(b) ? 0 : Double.compare(score[b], score[a]) != 0
                        ? Double.compare(score[b], score[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }
}
