package io.voronka.engine.path;

import io.voronka.engine.store.EventTypes;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The order paths and time in status read a user's events in: by time; events of one second by event id
 * ascending, then types without an id (source constants such as {@code pay}) by name; equal types keep their
 * load order (they are indistinguishable here). The rule depends on the data only, not on how a load numbered
 * the types (docs/funnel-semantics.md). Scratch object: one per thread.
 */
final class SameSecondOrder {
    private final int[] rank;
    private int[] order = new int[64];

    /** @param rank from {@link #ranks}, computed once per query and shared (read only) */
    SameSecondOrder(int[] rank) {
        this.rank = rank;
    }

    /** Per type code, its place in the same-second order. */
    static int[] ranks(EventTypes types) {
        int n = types.size();
        long[] ids = new long[n];
        String[] names = new String[n];
        for (int c = 0; c < n; c++) {
            ids[c] = types.externalId(c);
            names[c] = types.name(c);
        }
        return ranks(ids, names);
    }

    /** As above, for the types whose external ids ({@link EventTypes#NO_ID} for none) and names are given by code. */
    static int[] ranks(long[] ids, String[] names) {
        int n = ids.length;
        Integer[] codes = new Integer[n];
        for (int c = 0; c < n; c++) {
            codes[c] = c;
        }
        Comparator<Integer> byId = Comparator.comparing((Integer c) -> ids[c] == EventTypes.NO_ID)
                .thenComparingLong(c -> ids[c])
                .thenComparing(c -> names[c])
                .thenComparingInt(c -> c);
        Arrays.sort(codes, byId);
        int[] rank = new int[Math.max(1, n)];
        for (int i = 0; i < n; i++) {
            rank[codes[i]] = i;
        }
        return rank;
    }

    /**
     * Positions {@code [from, to)} of a user's events (sorted by time) in the same-second order; the returned
     * array is reused by the next call, valid up to {@code to - from}.
     */
    int[] order(int[] times, short[] types, int from, int to) {
        int n = to - from;
        if (order.length < n) {
            order = new int[Math.max(n, order.length * 2)];
        }
        final int[] out = order;
        final int[] r = rank;
        for (int i = 0; i < n; i++) {
            out[i] = from + i;
        }
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && times[out[end]] == times[out[start]]) {
                end++;
            }
            // insertion sort of one second's events (a handful) by rank, stable
            for (int i = start + 1; i < end; i++) {
                int p = out[i];
                int j = i - 1;
                while (j >= start && r[types[out[j]]] > r[types[p]]) {
                    out[j + 1] = out[j];
                    j--;
                }
                out[j + 1] = p;
            }
            start = end;
        }
        return out;
    }

    /** The rank of a type code (smaller comes first within a second). */
    int rank(int type) {
        return rank[type];
    }
}
