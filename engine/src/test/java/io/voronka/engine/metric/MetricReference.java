package io.voronka.engine.metric;

import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.Measure;
import io.voronka.engine.query.MetricQuery;
import io.voronka.engine.query.RetentionQuery;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.Times;
import io.voronka.engine.testing.JavaTimeLabels;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Metrics and retention written plainly: java.time per event, sets of users, maps keyed by label. */
final class MetricReference {
    /** One event as the reference sees it. */
    record Ev(int user, int time, int type, double value, boolean hasValue, Map<String, String> dims) {
    }

    static List<Ev> events(EventStore store) {
        List<Ev> out = new ArrayList<>();
        for (Segment s : store.segments()) {
            for (int u = 0; u < s.userCount(); u++) {
                for (int p = s.offsets()[u]; p < s.offsets()[u + 1]; p++) {
                    Map<String, String> dims = new HashMap<>();
                    for (int d = 0; d < store.dimensions().size(); d++) {
                        int code = s.dimension(d).get(p);
                        if (code >= 0) {
                            dims.put(store.dimensions().get(d).name(), store.dimensions().get(d).value(code));
                        }
                    }
                    boolean has = s.values() != null && s.values().has(p);
                    out.add(new Ev(s.firstUser() + u, s.times()[p], s.types()[p], has ? s.values().get(p, 0) : 0, has,
                            dims));
                }
            }
        }
        return out;
    }

    static String label(Bucket bucket, int time, EventStore store) {
        return JavaTimeLabels.label(bucket, Instant.ofEpochSecond(Times.toEpochSecond(time)).atZone(store.zone()));
    }

    private static boolean typeMatches(EventStore store, List<EventRef> refs, int type) {
        if (refs.isEmpty()) {
            return true;
        }
        for (EventRef r : refs) {
            int code = r.hasId() ? store.types().codeOfId(r.id()) : store.types().codeOfName(r.name());
            if (code == type) {
                return true;
            }
        }
        return false;
    }

    /** label → group → value, before cumulative and change. */
    static Map<String, Map<String, Double>> metric(MetricQuery q, EventStore store, List<Ev> events, int from, int to,
                                                   String breakdown) {
        Map<String, Map<String, Set<Integer>>> users = new TreeMap<>();
        Map<String, Map<String, double[]>> sums = new TreeMap<>();
        Map<String, Set<Integer>> seenByGroup = new HashMap<>();
        List<Ev> sorted = new ArrayList<>(events);
        sorted.sort((a, b) -> Integer.compare(a.time, b.time));
        for (Ev e : sorted) {
            if (e.time < from || e.time >= to || !typeMatches(store, q.events(), e.type) || !passes(q.filters(), e)) {
                continue;
            }
            String label = label(q.bucket(), e.time, store);
            String group = breakdown == null ? "all" : e.dims.getOrDefault(breakdown, "(none)");
            if (q.measure() == Measure.USERS && q.cumulative()) {
                if (seenByGroup.computeIfAbsent(group, g -> new HashSet<>()).add(e.user)) {
                    sums.computeIfAbsent(label, l -> new TreeMap<>()).computeIfAbsent(group, g -> new double[2])[0]++;
                }
                continue;
            }
            users.computeIfAbsent(label, l -> new TreeMap<>()).computeIfAbsent(group, g -> new HashSet<>()).add(e.user);
            double[] acc = sums.computeIfAbsent(label, l -> new TreeMap<>()).computeIfAbsent(group, g -> new double[2]);
            if (q.measure() == Measure.EVENTS) {
                acc[0]++;
            } else if (e.hasValue) {
                acc[0] += e.value;
                acc[1]++;
            }
        }
        Map<String, Map<String, Double>> out = new TreeMap<>();
        if (q.measure() == Measure.USERS && !q.cumulative()) {
            users.forEach((l, m) -> m.forEach((g, set) -> out.computeIfAbsent(l, x -> new TreeMap<>())
                    .put(g, (double) set.size())));
        } else {
            sums.forEach((l, m) -> m.forEach((g, acc) -> out.computeIfAbsent(l, x -> new TreeMap<>())
                    .put(g, q.measure() == Measure.AVERAGE ? acc[0] / acc[1] : acc[0])));
        }
        return out;
    }

    private static boolean passes(List<DimensionFilter> filters, Ev e) {
        for (DimensionFilter f : filters) {
            String v = e.dims.get(f.dimension());
            boolean in = v != null && f.values().contains(v);
            if (in == f.negated()) {
                return false;
            }
        }
        return true;
    }

    /** cohort label → (size, value per age) with NaN for ages past the data. */
    static Map<String, double[]> retention(RetentionQuery q, EventStore store, List<Ev> events, int from, int to) {
        Map<Integer, List<Ev>> byUser = new TreeMap<>();
        for (Ev e : events) {
            byUser.computeIfAbsent(e.user, u -> new ArrayList<>()).add(e);
        }
        LocalDate lastDay = Instant.ofEpochSecond(Times.toEpochSecond(store.maxTime())).atZone(store.zone())
                .toLocalDate();
        Map<String, double[]> out = new TreeMap<>();
        for (List<Ev> list : byUser.values()) {
            list.sort((a, b) -> Integer.compare(a.time, b.time));
            Ev first = null;
            for (Ev e : list) {
                if (typeMatches(store, q.cohortEvents(), e.type)) {
                    first = e;
                    break;
                }
            }
            if (first == null || first.time < from || first.time >= to) {
                continue;
            }
            LocalDate cohortDay = Instant.ofEpochSecond(Times.toEpochSecond(first.time)).atZone(store.zone())
                    .toLocalDate();
            String label = label(q.period(), first.time, store);
            double[] row = out.computeIfAbsent(label, l -> new double[1 + q.periods()]);
            row[0]++;
            boolean[] returned = new boolean[q.periods()];
            for (Ev e : list) {
                if (e.time < first.time || !typeMatches(store, q.returnEvents(), e.type)) {
                    continue;
                }
                LocalDate day = Instant.ofEpochSecond(Times.toEpochSecond(e.time)).atZone(store.zone()).toLocalDate();
                long age = periodsBetween(q.period(), cohortDay, day);
                if (age < 0 || age >= q.periods()) {
                    continue;
                }
                if (q.measure() == Measure.USERS) {
                    if (!returned[(int) age]) {
                        returned[(int) age] = true;
                        row[1 + (int) age]++;
                    }
                } else if (e.hasValue) {
                    row[1 + (int) age] += e.value;
                }
            }
        }
        for (Map.Entry<String, double[]> entry : out.entrySet()) {
            double[] row = entry.getValue();
            LocalDate start = LocalDate.parse(entry.getKey().length() == 7 ? entry.getKey() + "-01" : entry.getKey());
            double running = 0;
            for (int age = 0; age < q.periods(); age++) {
                if (periodsBetween(q.period(), start, lastDay) < age) {
                    row[1 + age] = Double.NaN;
                    continue;
                }
                if (q.measure() == Measure.SUM) {
                    row[1 + age] /= row[0];
                    if (q.cumulative()) {
                        running += row[1 + age];
                        row[1 + age] = running;
                    }
                }
            }
        }
        return out;
    }

    private static long periodsBetween(Bucket period, LocalDate a, LocalDate b) {
        return switch (period) {
            case DAY -> ChronoUnit.DAYS.between(a, b);
            case WEEK -> ChronoUnit.WEEKS.between(a.minusDays(a.getDayOfWeek().getValue() - 1L),
                    b.minusDays(b.getDayOfWeek().getValue() - 1L));
            case MONTH -> ChronoUnit.MONTHS.between(a.withDayOfMonth(1), b.withDayOfMonth(1));
            default -> throw new IllegalArgumentException(period.toString());
        };
    }

}
