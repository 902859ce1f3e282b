package io.voronka.engine.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * The groups of a breakdown that are compared with each other: those sharing every level but the last. Families
 * come in display order, and so do the groups in each.
 */
public final class GroupFamilies {
    private GroupFamilies() {
    }

    /** The families of the groups {@code present} accepts. */
    public static List<int[]> of(GroupKeys keys, IntPredicate present) {
        List<Integer> groups = new ArrayList<>();
        for (int g = 0; g < keys.count(); g++) {
            if (present.test(g)) {
                groups.add(g);
            }
        }
        groups.sort(Comparator.comparingLong(keys::sortKey));
        List<int[]> families = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= groups.size(); i++) {
            if (i == groups.size() || keys.parent(groups.get(i)) != keys.parent(groups.get(start))) {
                families.add(groups.subList(start, i).stream().mapToInt(Integer::intValue).toArray());
                start = i;
            }
        }
        return families;
    }

    /**
     * The groups to show, in order: all of {@code family} with at least {@code minSize}; with {@code top > 0}, the
     * {@code top} highest by {@code measure} (NaN last, ties in display order), best first.
     */
    public static int[] shown(int[] family, int top, long minSize, IntToDoubleFunction size,
                              IntToDoubleFunction measure) {
        int[] kept = Arrays.stream(family).filter(g -> size.applyAsDouble(g) >= minSize).toArray();
        if (top <= 0) {
            return kept;
        }
        Integer[] ranked = Arrays.stream(kept).boxed().toArray(Integer[]::new);
        Arrays.sort(ranked, (a, b) -> {
            double x = measure.applyAsDouble(a);
            double y = measure.applyAsDouble(b);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
            }
            return Double.compare(y, x);
        });
        return Arrays.stream(ranked).limit(top).mapToInt(Integer::intValue).toArray();
    }
}
