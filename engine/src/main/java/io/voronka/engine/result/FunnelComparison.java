package io.voronka.engine.result;

import io.voronka.engine.stats.GroupComparison;

import java.util.ArrayList;
import java.util.List;

/**
 * The significance of a funnel breakdown: for each step after the first, the groups' conversions from the previous
 * step compared as proportions ({@link GroupComparison}: Wilson intervals, z-test of each group against the other
 * groups together, Holm over the groups, chi-square over all). Element {@code s − 1} is step {@code s} (0-based);
 * rows are the result's group rows, without the {@link Groups#ALL} row. Empty without a breakdown.
 */
public final class FunnelComparison {
    private FunnelComparison() {
    }

    public static List<GroupComparison> of(FunnelResult result) {
        List<FunnelRow> groups = result.rows().subList(1, result.rows().size());
        if (groups.isEmpty()) {
            return List.of();
        }
        List<GroupComparison> steps = new ArrayList<>();
        for (int step = 1; step < result.steps().size(); step++) {
            long[] converted = new long[groups.size()];
            long[] entered = new long[groups.size()];
            for (int g = 0; g < groups.size(); g++) {
                converted[g] = groups.get(g).reached().get(step);
                entered[g] = groups.get(g).reached().get(step - 1);
            }
            steps.add(GroupComparison.of(converted, entered));
        }
        return steps;
    }
}
