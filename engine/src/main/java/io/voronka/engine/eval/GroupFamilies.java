package io.voronka.engine.eval;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * Which groups of a family (those sharing every level but the last, {@link GroupNames#families}) an answer shows:
 * {@code min} and {@code top}, chosen after the family's tests are made.
 */
public final class GroupFamilies {
    private GroupFamilies() {
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
