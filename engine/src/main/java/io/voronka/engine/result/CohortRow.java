package io.voronka.engine.result;

import java.util.ArrayList;
import java.util.List;

/**
 * One cohort: its bucket label, its size, and a value per age (users returning, or value per member). For value per
 * member, {@code sums} holds per age the cohort's sum before dividing by the size and accumulating (NaN where the
 * data has not reached the age), so cohorts over disjoint users merge exactly; empty for users returning.
 */
public record CohortRow(String cohort, long size, List<Double> values, List<Double> sums)
        implements java.io.Serializable {
    public CohortRow {
        values = List.copyOf(values);
        sums = List.copyOf(sums);
    }

    /** A cohort of users returning per age (the values add up over disjoint users). */
    public CohortRow(String cohort, long size, List<Double> values) {
        this(cohort, size, values, List.of());
    }

    /** Value per member from the sums per age, accumulated over the ages when {@code cumulative}. */
    public static CohortRow perMember(String cohort, long size, double[] sums, boolean cumulative) {
        List<Double> values = new ArrayList<>(sums.length);
        List<Double> raw = new ArrayList<>(sums.length);
        double running = 0;
        for (double sum : sums) {
            raw.add(sum);
            double v = sum / size;
            if (cumulative && !Double.isNaN(v)) {
                running += v;
                v = running;
            }
            values.add(v);
        }
        return new CohortRow(cohort, size, values, raw);
    }
}
