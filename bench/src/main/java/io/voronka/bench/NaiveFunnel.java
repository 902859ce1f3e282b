package io.voronka.bench;

import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline a developer would write first: per user, a map from step to a list of times, then for each entry
 * the earliest event of each next step within the window. Only for funnels whose steps have disjoint types
 * (like the seed funnel), where that greedy is exact.
 */
public final class NaiveFunnel {
    private NaiveFunnel() {
    }

    /** Users reaching each step. {@code stepOfType[type]} is the 0-based step of a type, or -1. */
    public static long[] reached(EventStore store, int[] stepOfType, int steps, long window) {
        long[] reached = new long[steps];
        for (Segment s : store.segments()) {
            for (int u = 0; u < s.userCount(); u++) {
                Map<Integer, List<Integer>> timesByStep = new HashMap<>();
                for (int p = s.offsets()[u]; p < s.offsets()[u + 1]; p++) {
                    int step = stepOfType[s.types()[p]];
                    if (step >= 0) {
                        timesByStep.computeIfAbsent(step, k -> new ArrayList<>()).add(s.times()[p]);
                    }
                }
                int depth = 0;
                for (int entry : timesByStep.getOrDefault(0, List.of())) {
                    int d = 1;
                    int last = entry;
                    for (int q = 1; q < steps; q++) {
                        int next = Integer.MAX_VALUE;
                        for (int t : timesByStep.getOrDefault(q, List.of())) {
                            if (t >= last && (long) t - entry <= window && t < next) {
                                next = t;
                            }
                        }
                        if (next == Integer.MAX_VALUE) {
                            break;
                        }
                        d++;
                        last = next;
                    }
                    depth = Math.max(depth, d);
                }
                for (int q = 0; q < depth; q++) {
                    reached[q]++;
                }
            }
        }
        return reached;
    }
}
