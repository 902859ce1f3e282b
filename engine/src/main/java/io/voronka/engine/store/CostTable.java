package io.voronka.engine.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Marketing spend beside the events: amounts per acquisition group (a value of a store dimension, e.g. an ad
 * source) and date, stored as the stored time of that date's local midnight. Small (one row per source per day);
 * serializable, so a Spark job ships it to every partition.
 */
public final class CostTable implements java.io.Serializable {
    public static final CostTable EMPTY = new CostTable("", List.of(), new int[0], new int[0], new double[0]);

    private final String dimension;
    private final List<String> groups;
    private final int[] group;
    private final int[] time;
    private final double[] amount;

    public CostTable(String dimension, List<String> groups, int[] group, int[] time, double[] amount) {
        assert group.length == time.length && time.length == amount.length;
        this.dimension = dimension;
        this.groups = List.copyOf(groups);
        this.group = group.clone();
        this.time = time.clone();
        this.amount = amount.clone();
    }

    /** The dimension whose values the groups are ({@code utm_source}); empty when there are no costs. */
    public String dimension() {
        return dimension;
    }

    public boolean isEmpty() {
        return amount.length == 0;
    }

    public int rows() {
        return amount.length;
    }

    public String group(int row) {
        return groups.get(group[row]);
    }

    /** Stored time (local midnight of the cost's date). */
    public int time(int row) {
        return time[row];
    }

    public double amount(int row) {
        return amount[row];
    }

    /** Collects rows in load order, interning group names. */
    public static final class Builder {
        private final String dimension;
        private final List<String> groups = new ArrayList<>();
        private final List<int[]> rows = new ArrayList<>();
        private final List<Double> amounts = new ArrayList<>();

        public Builder(String dimension) {
            this.dimension = dimension;
        }

        public void add(String groupName, int storedTime, double value) {
            int g = groups.indexOf(groupName);
            if (g < 0) {
                groups.add(groupName);
                g = groups.size() - 1;
            }
            rows.add(new int[]{g, storedTime});
            amounts.add(value);
        }

        public CostTable build() {
            int n = rows.size();
            int[] group = new int[n];
            int[] time = new int[n];
            double[] amount = new double[n];
            for (int i = 0; i < n; i++) {
                group[i] = rows.get(i)[0];
                time[i] = rows.get(i)[1];
                amount[i] = amounts.get(i);
            }
            return new CostTable(dimension, groups, group, time, amount);
        }
    }
}
