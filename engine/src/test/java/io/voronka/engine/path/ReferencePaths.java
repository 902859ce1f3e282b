package io.voronka.engine.path;

import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.PathsQuery;
import io.voronka.engine.query.TimeInStatusQuery;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.EventTypes;
import io.voronka.engine.store.Segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Paths and time in status written from their definitions (docs/funnel-semantics.md), for clarity only: each user's
 * events as a list sorted by time, then id (types without an id after, by name); the fast evaluators must agree.
 */
final class ReferencePaths {
    /** One event as the definitions see it. */
    record Ev(int time, int type) {
    }

    private ReferencePaths() {
    }

    /** Each user's events in the documented order. */
    static List<List<Ev>> users(EventStore store) {
        EventTypes types = store.types();
        Comparator<Ev> order = Comparator.comparingInt(Ev::time)
                .thenComparing(e -> types.externalId(e.type()) == EventTypes.NO_ID)
                .thenComparingLong(e -> types.externalId(e.type()))
                .thenComparing(e -> types.name(e.type()));
        List<List<Ev>> users = new ArrayList<>();
        for (Segment s : store.segments()) {
            for (int u = 0; u < s.userCount(); u++) {
                List<Ev> events = new ArrayList<>();
                for (int p = s.offsets()[u]; p < s.offsets()[u + 1]; p++) {
                    events.add(new Ev(s.times()[p], s.types()[p]));
                }
                events.sort(order);
                users.add(events);
            }
        }
        return users;
    }

    static Set<Integer> codes(List<EventRef> refs, EventTypes types) {
        Set<Integer> set = new HashSet<>();
        for (EventRef r : refs) {
            int c = r.hasId() ? types.codeOfId(r.id()) : types.codeOfName(r.name());
            if (c >= 0) {
                set.add(c);
            }
        }
        return set;
    }

    /** Users per whole path (a list of type codes). */
    static Map<List<Integer>, Long> paths(EventStore store, PathsQuery q, int from, int to) {
        Set<Integer> start = codes(q.from(), store.types());
        Set<Integer> stop = codes(q.to(), store.types());
        Map<List<Integer>, Long> out = new HashMap<>();
        for (List<Ev> events : users(store)) {
            int first = -1;
            for (int i = 0; i < events.size(); i++) {
                Ev e = events.get(i);
                if (e.time() >= from && e.time() < to && (q.from().isEmpty() || start.contains(e.type()))) {
                    first = i;
                    break;
                }
            }
            if (first < 0) {
                continue;
            }
            List<Integer> path = new ArrayList<>();
            for (int i = first; i < events.size() && path.size() < q.depth(); i++) {
                int type = events.get(i).type();
                if (q.collapseRepeats() && !path.isEmpty() && path.get(path.size() - 1) == type) {
                    continue;
                }
                path.add(type);
                if (i > first && stop.contains(type)) {
                    break;
                }
            }
            out.merge(path, 1L, Long::sum);
        }
        return out;
    }

    /** Durations (seconds) per group (0 all, 1 reached, 2 not reached) and open counts per group. */
    record Times(List<List<Integer>> durations, long[] open) {
    }

    static Times timeInStatus(EventStore store, TimeInStatusQuery q, int from, int to) {
        Set<Integer> status = codes(q.from(), store.types());
        Set<Integer> next = codes(q.next(), store.types());
        Set<Integer> outcome = codes(q.outcome(), store.types());
        List<List<Integer>> durations = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        long[] open = new long[3];
        for (List<Ev> events : users(store)) {
            for (int i = 0; i < events.size(); i++) {
                Ev e = events.get(i);
                if (!status.contains(e.type()) || e.time() < from || e.time() >= to) {
                    continue;
                }
                int group = -1;
                if (q.hasOutcome()) {
                    boolean reached = false;
                    for (int k = 0; k < events.size(); k++) {
                        Ev o = events.get(k);
                        if (k != i && outcome.contains(o.type()) && o.time() >= e.time()
                                && (long) o.time() - e.time() <= q.outcomeWindowSeconds()) {
                            reached = true;
                        }
                    }
                    group = reached ? 1 : 2;
                }
                Integer seconds = null;
                for (int j = i + 1; j < events.size(); j++) {
                    if (q.next().isEmpty() || next.contains(events.get(j).type())) {
                        seconds = events.get(j).time() - e.time();
                        break;
                    }
                }
                if (seconds == null) {
                    open[0]++;
                    if (group > 0) {
                        open[group]++;
                    }
                } else {
                    durations.get(0).add(seconds);
                    if (group > 0) {
                        durations.get(group).add(seconds);
                    }
                }
            }
        }
        return new Times(durations, open);
    }
}
