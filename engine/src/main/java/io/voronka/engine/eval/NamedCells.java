package io.voronka.engine.eval;

import io.voronka.engine.result.Groups;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells (group × bucket, {@code g * buckets + b}) of a breakdown in a partial answer: the bucket labels, and the
 * groups named by their levels' values instead of one store's codes, so that the groups of stores whose dimensions
 * number their values differently (the partitions of a Spark job) line up. Each store lists the groups it has data
 * for; {@link #union} joins two lists, {@link #displayOrder} sorts them as {@link GroupKeys} does: by level,
 * dimension values by name with {@link Groups#NONE} last, calendar parts in calendar order. {@link #NONE}: no
 * buckets (the range lies outside the data).
 */
public final class NamedCells implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final NamedCells NONE = new NamedCells(List.of(), List.of(), List.of());

    private final List<String> buckets;
    /** Per level: a calendar level's labels in order, empty for a dimension level. */
    private final List<List<String>> calendars;
    private final List<List<String>> groups;

    private NamedCells(List<String> buckets, List<List<String>> calendars, List<List<String>> groups) {
        this.buckets = List.copyOf(buckets);
        this.calendars = calendars;
        this.groups = groups;
    }

    /** The groups {@code present} of {@code keys} (codes), in that order, by the buckets' {@code labels}. */
    public static NamedCells of(List<String> labels, GroupKeys keys, int[] present) {
        List<List<String>> calendars = new ArrayList<>();
        for (int level = 0; level < keys.levels(); level++) {
            calendars.add(keys.calendarLabels(level));
        }
        List<List<String>> groups = new ArrayList<>(present.length);
        for (int g : present) {
            groups.add(keys.names(g));
        }
        return new NamedCells(labels, List.copyOf(calendars), groups);
    }

    /** The bucket labels. */
    public List<String> buckets() {
        return buckets;
    }

    public int levels() {
        return calendars.size();
    }

    public int count() {
        return groups.size();
    }

    /** The names of group {@code g}'s levels ({@link Groups#ALL} alone without levels). */
    public List<String> names(int g) {
        return groups.get(g);
    }

    /**
     * This list followed by {@code other}'s groups it lacks; {@code positions[i]} receives the place of
     * {@code other}'s group {@code i} in the union (sized {@code other.count()}).
     */
    public NamedCells union(NamedCells other, int[] positions) {
        if (other.buckets.isEmpty() || buckets.isEmpty()) {
            NamedCells some = buckets.isEmpty() ? other : this;
            for (int i = 0; i < positions.length; i++) {
                positions[i] = i;
            }
            return some;
        }
        if (!buckets.equals(other.buckets) || !calendars.equals(other.calendars)) {
            throw new IllegalArgumentException("partial answers of different breakdowns: " + buckets + " "
                    + calendars + " and " + other.buckets + " " + other.calendars);
        }
        Map<List<String>, Integer> index = new HashMap<>();
        List<List<String>> all = new ArrayList<>(groups);
        for (int g = 0; g < all.size(); g++) {
            index.put(all.get(g), g);
        }
        for (int i = 0; i < other.groups.size(); i++) {
            List<String> names = other.groups.get(i);
            Integer at = index.get(names);
            if (at == null) {
                at = all.size();
                all.add(names);
                index.put(names, at);
            }
            positions[i] = at;
        }
        return new NamedCells(buckets, calendars, all);
    }

    /** {@link #union(NamedCells, int[])} with the positions kept beside it. */
    public Union union(NamedCells other) {
        int[] positions = new int[other.count()];
        return new Union(union(other, positions), positions);
    }

    /**
     * Two lists joined, and where the second one's cells land: partial answers lay their cells out group by group,
     * {@code buckets} cells each, so the second list's cell {@code c} goes to {@link #at at(c)} of the union's.
     */
    public record Union(NamedCells cells, int[] positions) {
        /** Cells of the union: groups × buckets. */
        public int size() {
            return cells.count() * cells.buckets.size();
        }

        /** Where the second list's cell {@code cell} (group-major) is in the union's cells. */
        public int at(int cell) {
            int buckets = cells.buckets.size();
            return positions[cell / buckets] * buckets + cell % buckets;
        }
    }

    /** The groups in display order: {@code result[k]} is the k-th group to show. */
    public int[] displayOrder() {
        List<Map<String, Integer>> calendarRank = new ArrayList<>();
        for (List<String> labels : calendars) {
            Map<String, Integer> rank = new HashMap<>();
            for (int i = 0; i < labels.size(); i++) {
                rank.put(labels.get(i), i);
            }
            calendarRank.add(rank);
        }
        Comparator<List<String>> order = (a, b) -> {
            for (int level = 0; level < calendars.size(); level++) {
                int c = compare(calendarRank.get(level), a.get(level), b.get(level));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        return java.util.stream.IntStream.range(0, groups.size()).boxed()
                .sorted((x, y) -> order.compare(groups.get(x), groups.get(y)))
                .mapToInt(Integer::intValue).toArray();
    }

    private static int compare(Map<String, Integer> calendarRank, String a, String b) {
        if (!calendarRank.isEmpty()) {
            return Integer.compare(calendarRank.get(a), calendarRank.get(b));
        }
        boolean noneA = a.equals(Groups.NONE);
        boolean noneB = b.equals(Groups.NONE);
        if (noneA || noneB) {
            return Boolean.compare(noneA, noneB);
        }
        return a.compareTo(b);
    }

    /**
     * The families (groups sharing every level but the last) of the groups in {@code shown} order that
     * {@code present} accepts; {@code shown} must be in display order, and so come the families and their groups.
     */
    public List<int[]> families(int[] shown, java.util.function.IntPredicate present) {
        List<int[]> families = new ArrayList<>();
        List<Integer> family = new ArrayList<>();
        List<String> parent = null;
        for (int g : shown) {
            if (!present.test(g)) {
                continue;
            }
            List<String> names = groups.get(g);
            List<String> own = names.subList(0, Math.max(0, names.size() - 1));
            if (parent != null && !own.equals(parent)) {
                families.add(family.stream().mapToInt(Integer::intValue).toArray());
                family.clear();
            }
            parent = own;
            family.add(g);
        }
        if (!family.isEmpty()) {
            families.add(family.stream().mapToInt(Integer::intValue).toArray());
        }
        return families;
    }
}
