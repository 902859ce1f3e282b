package io.voronka.engine.result;

import java.util.List;

/** Counts per step for one group (the whole population when there is no breakdown: {@code group} is "all"). */
public record FunnelRow(String group, List<Long> reached) implements java.io.Serializable {
    public FunnelRow {
        reached = List.copyOf(reached);
    }

    /** reached[step] / reached[step-1] (0-based step), or 0 when the previous step is empty. */
    public double conversionFromPrevious(int step) {
        if (step == 0) {
            return reached.get(0) == 0 ? 0 : 1;
        }
        long previous = reached.get(step - 1);
        return previous == 0 ? 0 : (double) reached.get(step) / previous;
    }

    /** reached[step] / reached[0] (0-based step), or 0 when nobody entered. */
    public double conversionFromFirst(int step) {
        long first = reached.get(0);
        return first == 0 ? 0 : (double) reached.get(step) / first;
    }
}
