package io.voronka.bench;

import io.voronka.engine.result.CohortRow;
import io.voronka.engine.result.FunnelResult;
import io.voronka.engine.result.FunnelRow;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.result.RetentionResult;
import io.voronka.engine.result.SeriesResult;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every answer as a sorted key → value map: funnel {@code step} or {@code group/step} → users reached; series
 * {@code bucket} → value; retention {@code cohort/age} → users. Zero and missing are the same (SQL leaves out empty
 * groups), so zeros are dropped.
 */
public final class Answers {
    private Answers() {
    }

    public static Map<String, Double> of(QueryResult result) {
        Map<String, Double> out = new TreeMap<>();
        if (result instanceof FunnelResult f) {
            boolean grouped = f.rows().size() > 1;
            for (FunnelRow row : grouped ? f.rows().subList(1, f.rows().size()) : f.rows()) {
                for (int i = 0; i < row.reached().size(); i++) {
                    put(out, (grouped ? row.group() + "/" : "") + (i + 1), row.reached().get(i));
                }
            }
        } else if (result instanceof SeriesResult s) {
            for (int b = 0; b < s.buckets().size(); b++) {
                put(out, s.buckets().get(b), s.series().get(0).values().get(b));
            }
        } else if (result instanceof RetentionResult r) {
            for (CohortRow row : r.cohorts()) {
                for (int age = 0; age < row.values().size(); age++) {
                    put(out, row.cohort() + "/" + age, row.values().get(age));
                }
            }
        }
        return out;
    }

    public static Map<String, Double> of(ResultSet rs) throws SQLException {
        Map<String, Double> out = new TreeMap<>();
        while (rs.next()) {
            put(out, rs.getString(1), rs.getDouble(2));
        }
        return out;
    }

    private static void put(Map<String, Double> out, String key, double value) {
        if (value != 0 && !Double.isNaN(value)) {
            out.put(key, value);
        }
    }

    /** Differences beyond a cent, as lines; empty when the answers agree. */
    public static List<String> differences(Map<String, Double> expected, Map<String, Double> actual) {
        List<String> diff = new ArrayList<>();
        for (String key : expected.keySet()) {
            Double a = actual.get(key);
            if (a == null || Math.abs(a - expected.get(key)) > 0.005) {
                diff.add(key + ": expected " + expected.get(key) + ", got " + a);
            }
        }
        for (String key : actual.keySet()) {
            if (!expected.containsKey(key)) {
                diff.add(key + ": unexpected " + actual.get(key));
            }
        }
        return diff;
    }
}
