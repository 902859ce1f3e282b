package io.voronka.engine.result;

import java.util.List;

/** One cohort: its bucket label, its size, and a value per age (users returning, or value per member). */
public record CohortRow(String cohort, long size, List<Double> values) implements java.io.Serializable {
    public CohortRow {
        values = List.copyOf(values);
    }
}
