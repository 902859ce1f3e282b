package io.voronka.engine.store;

import it.unimi.dsi.fastutil.Swapper;

/** Helpers for arrays sorted together, position by position (fastutil's sorts with a comparator and a swapper). */
final class ParallelArrays {
    private ParallelArrays() {
    }

    /** Swaps positions {@code i} and {@code j} of both arrays. */
    static Swapper swapper(int[] ints, long[] longs) {
        return (i, j) -> {
            int n = ints[i];
            ints[i] = ints[j];
            ints[j] = n;
            long k = longs[i];
            longs[i] = longs[j];
            longs[j] = k;
        };
    }
}
