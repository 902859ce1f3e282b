package io.voronka.engine.funnel;

import io.voronka.engine.query.Attribution;
import io.voronka.engine.query.Counting;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.EventFilter;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.Exclusion;
import io.voronka.engine.query.FunnelMode;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.Step;
import io.voronka.engine.query.TrendBy;
import io.voronka.engine.query.ValueFilter;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.EventTypes;
import io.voronka.engine.store.Segment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * The funnel definition, written for clarity and nothing else: enumerate every chain of distinct events
 * (exponential; only for small users), keep the valid ones, take the deepest. The fast evaluators must agree.
 */
final class ReferenceFunnel {
    /** One event of a user as the definition sees it. */
    record Ev(int position, int time, int type, int dim) {
    }

    /** What a step filter reads of an event: its dimension values by name and its value (null when none). */
    private record Props(java.util.Map<String, String> dims, Double value) {
    }

    /** What the reference computes: per group and depth counts, timings per transition, trend, drill. */
    static final class Answer {
        final TreeMap<String, long[]> byGroup = new TreeMap<>();
        final List<List<Integer>> timings = new ArrayList<>();
        final TreeMap<Integer, long[]> trend = new TreeMap<>();
        final List<Integer> usersAtDepth = new ArrayList<>();
    }

    private final FunnelQuery query;
    private final EventTypes types;
    private final int entryFrom;
    private final int entryTo;
    private final List<Set<Integer>> stepTypes = new ArrayList<>();
    private final List<Set<Integer>> exclusionTypes = new ArrayList<>();
    /** Per event position of the store being evaluated: what step filters read. */
    private final java.util.Map<Integer, Props> props = new java.util.HashMap<>();

    ReferenceFunnel(FunnelQuery query, EventTypes types, int entryFrom, int entryTo) {
        this.query = query;
        this.types = types;
        this.entryFrom = entryFrom;
        this.entryTo = entryTo;
        for (Step step : query.steps()) {
            stepTypes.add(codes(step.alternatives()));
        }
        for (Exclusion e : query.exclusions()) {
            exclusionTypes.add(codes(e.events()));
        }
    }

    private Set<Integer> codes(List<EventRef> refs) {
        Set<Integer> set = new HashSet<>();
        for (EventRef r : refs) {
            int c = r.hasId() ? types.codeOfId(r.id()) : types.codeOfName(r.name());
            if (c >= 0) {
                set.add(c);
            }
        }
        return set;
    }

    Answer evaluate(EventStore store, IntUnaryOperator buckets) {
        int k = query.steps().size();
        Answer answer = new Answer();
        for (int q = 0; q < k; q++) {
            answer.timings.add(new ArrayList<>());
        }
        int dimIndex = query.breakdown().map(b -> store.dimensionIndex(b.dimension()).orElseThrow()).orElse(-1);
        for (Segment s : store.segments()) {
            readProps(store, s);
            for (int u = 0; u < s.userCount(); u++) {
                List<Ev> events = new ArrayList<>();
                for (int p = s.offsets()[u]; p < s.offsets()[u + 1]; p++) {
                    events.add(new Ev(p, s.times()[p], s.types()[p], dimIndex < 0 ? -1 : s.dimension(dimIndex).get(p)));
                }
                if (query.counting() == Counting.USERS) {
                    List<Ev> best = deepest(events, null);
                    tally(answer, store, events, best, dimIndex, buckets, s.firstUser() + u);
                } else {
                    for (Ev entry : events) {
                        if (entry.time >= entryFrom && entry.time < entryTo && fills(entry, 0)) {
                            tally(answer, store, events, deepest(events, entry), dimIndex, buckets, -1);
                        }
                    }
                }
            }
        }
        return answer;
    }

    private void tally(Answer answer, EventStore store, List<Ev> events, List<Ev> chain, int dimIndex,
                       IntUnaryOperator buckets, int user) {
        int k = query.steps().size();
        int depth = chain.size();
        String group = "all";
        if (dimIndex >= 0) {
            int code = -1;
            if (query.breakdown().get().attribution() == Attribution.FIRST_TOUCH) {
                for (Ev e : events) {
                    if (e.dim >= 0) {
                        code = e.dim;
                        break;
                    }
                }
            } else if (depth >= query.breakdown().get().step()) {
                code = chain.get(query.breakdown().get().step() - 1).dim;
            }
            group = code < 0 ? "(none)" : store.dimensions().get(dimIndex).value(code);
        }
        answer.byGroup.computeIfAbsent(group, g -> new long[k + 1])[depth]++;
        if (user >= 0 && query.drillDown().isPresent() && depth == query.drillDown().get().reachedStep()) {
            answer.usersAtDepth.add(user);
        }
        if (depth == 0) {
            return;
        }
        if (query.timeToConvert() && query.mode() != FunnelMode.ANY_ORDER) {
            for (int q = 1; q < depth; q++) {
                answer.timings.get(q).add(chain.get(q).time - chain.get(q - 1).time);
            }
            if (depth == k && k > 1) {
                answer.timings.get(0).add(chain.get(k - 1).time - chain.get(0).time);
            }
        }
        if (query.trend().isPresent()) {
            int at;
            if (query.mode() == FunnelMode.ANY_ORDER) {
                int min = Integer.MAX_VALUE;
                int max = Integer.MIN_VALUE;
                for (Ev e : chain) {
                    min = Math.min(min, e.time);
                    max = Math.max(max, e.time);
                }
                at = query.trend().get().by() == TrendBy.ENTRY ? min : max;
            } else {
                at = query.trend().get().by() == TrendBy.ENTRY ? chain.get(0).time : chain.get(depth - 1).time;
            }
            answer.trend.computeIfAbsent(buckets.applyAsInt(at), b -> new long[k + 1])[depth]++;
        }
    }

    /** The winning chain: deepest; then earliest last step; then latest times from the entry on. */
    List<Ev> deepest(List<Ev> events, Ev forcedEntry) {
        List<List<Ev>> all = new ArrayList<>();
        extend(events, new ArrayList<>(), forcedEntry, all);
        List<Ev> best = List.of();
        for (List<Ev> c : all) {
            if (better(c, best)) {
                best = c;
            }
        }
        return best;
    }

    private boolean better(List<Ev> a, List<Ev> b) {
        if (a.size() != b.size()) {
            return a.size() > b.size();
        }
        if (a.isEmpty()) {
            return false;
        }
        if (query.mode() == FunnelMode.ANY_ORDER) {
            return minTime(a) != minTime(b) ? minTime(a) < minTime(b) : maxTime(a) < maxTime(b);
        }
        int last = a.size() - 1;
        if (a.get(last).time != b.get(last).time) {
            return a.get(last).time < b.get(last).time;
        }
        for (int i = 0; i < last; i++) {
            if (a.get(i).time != b.get(i).time) {
                return a.get(i).time > b.get(i).time;
            }
        }
        return false;
    }

    private static int maxTime(List<Ev> chain) {
        int max = Integer.MIN_VALUE;
        for (Ev e : chain) {
            max = Math.max(max, e.time);
        }
        return max;
    }

    private static int minTime(List<Ev> chain) {
        int min = Integer.MAX_VALUE;
        for (Ev e : chain) {
            min = Math.min(min, e.time);
        }
        return min;
    }

    private void extend(List<Ev> events, List<Ev> chain, Ev forcedEntry, List<List<Ev>> out) {
        int j = chain.size();
        if (j > 0 && inRange(chain)) {
            out.add(List.copyOf(chain));
        }
        if (j == query.steps().size()) {
            return;
        }
        for (Ev e : events) {
            if (chain.contains(e) || !fills(e, j)) {
                continue;
            }
            if (j == 0 && forcedEntry != null && e != forcedEntry) {
                continue;
            }
            chain.add(e);
            if (valid(events, chain)) {
                extend(events, chain, forcedEntry, out);
            }
            chain.remove(chain.size() - 1);
        }
    }

    private void readProps(EventStore store, Segment s) {
        props.clear();
        for (int p = 0; p < s.eventCount(); p++) {
            java.util.Map<String, String> dims = new java.util.HashMap<>();
            for (int d = 0; d < store.dimensions().size(); d++) {
                int code = s.dimension(d).get(p);
                if (code >= 0) {
                    dims.put(store.dimensions().get(d).name(), store.dimensions().get(d).value(code));
                }
            }
            Double value = s.values() != null && s.values().has(p) ? s.values().get(p, Double.NaN) : null;
            props.put(p, new Props(dims, value));
        }
    }

    /** The event's type is one of step j's and the event passes each of the step's filters. */
    private boolean fills(Ev e, int j) {
        if (!stepTypes.get(j).contains(e.type)) {
            return false;
        }
        Props p = props.get(e.position);
        for (EventFilter f : query.steps().get(j).filters()) {
            if (f instanceof DimensionFilter d) {
                String value = p.dims().get(d.dimension());
                boolean in = value != null && d.values().contains(value);
                if (in == d.negated()) {
                    return false;
                }
            } else {
                ValueFilter v = (ValueFilter) f;
                if (p.value() == null || !v.comparison().test(p.value(), v.number())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The entry (the earliest event in any order, the first step otherwise) lies in the date range. */
    private boolean inRange(List<Ev> chain) {
        int entry = query.mode() == FunnelMode.ANY_ORDER ? minTime(chain) : chain.get(0).time;
        return entry >= entryFrom && entry < entryTo;
    }

    /** Every rule of the definition, checked on a whole chain. */
    private boolean valid(List<Ev> events, List<Ev> chain) {
        if (query.mode() == FunnelMode.ANY_ORDER) {
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            for (Ev e : chain) {
                min = Math.min(min, e.time);
                max = Math.max(max, e.time);
            }
            return (long) max - min <= query.windowSeconds();
        }
        Ev first = chain.get(0);
        if (first.time < entryFrom || first.time >= entryTo) {
            return false;
        }
        for (int i = 1; i < chain.size(); i++) {
            Ev prev = chain.get(i - 1);
            Ev cur = chain.get(i);
            if (cur.time < prev.time) {
                return false;
            }
            if (query.mode() == FunnelMode.STRICT_INCREASING && cur.time == prev.time) {
                return false;
            }
            if ((long) cur.time - first.time > query.windowSeconds()) {
                return false;
            }
            Step step = query.steps().get(i);
            if (step.hasTimeLimit() && (long) cur.time - prev.time > step.maxSecondsFromPrevious()) {
                return false;
            }
            if (query.mode() == FunnelMode.STRICT_ORDER) {
                for (Ev other : events) {
                    if (other.time > prev.time && other.time < cur.time) {
                        return false;
                    }
                }
            }
        }
        for (int x = 0; x < query.exclusions().size(); x++) {
            Exclusion ex = query.exclusions().get(x);
            if (chain.size() < ex.beforeStep()) {
                continue;
            }
            int after = chain.get(ex.afterStep() - 1).time;
            int before = chain.get(ex.beforeStep() - 1).time;
            for (Ev other : events) {
                if (exclusionTypes.get(x).contains(other.type) && other.time > after && other.time < before) {
                    return false;
                }
            }
        }
        return true;
    }
}
