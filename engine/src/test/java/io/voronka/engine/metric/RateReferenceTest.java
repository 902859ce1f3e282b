package io.voronka.engine.metric;

import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.DimensionFilter;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.GroupBy;
import io.voronka.engine.query.GroupPart;
import io.voronka.engine.query.RateQuery;
import io.voronka.engine.result.RateResult;
import io.voronka.engine.result.RateRow;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.UserKeyKind;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The rate kernel against a slow, obvious reference on random users whose calls and sales often share a second
 * (the attribution's tie rule) and whose calls sometimes lack the breakdown value (first-touch fallback), over several
 * thread counts. Seeds are fixed; a failure names the seed.
 */
class RateReferenceTest {
    private static final String[] STATUS = {"success", "no_answer"};
    private static final String[] TEAM = {"a", "b", "c"};

    private static EventStore randomStore(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StoreBuilder b = new StoreBuilder(UserKeyKind.INT64, ZoneOffset.UTC);
        int calls = b.source("calls");
        int sales = b.source("sales");
        int call = b.types().constant("call");
        int sale = b.types().constant("sale");
        int status = b.dimension("status");
        int team = b.dimension("team");
        for (int u = 0; u < 300; u++) {
            int user = b.users().internLong(u);
            int events = 1 + r.nextInt(8);
            for (int e = 0; e < events; e++) {
                long t = 1_600_000_000L + r.nextInt(20) * 60L;
                if (r.nextInt(3) == 0) {
                    b.append(sales, user, sale, t);
                    continue;
                }
                int row = b.append(calls, user, call, t);
                b.dimensionValue(row, status, b.dimensionAt(status).intern(STATUS[r.nextInt(2)]));
                if (r.nextInt(4) != 0) {
                    b.dimensionValue(row, team, b.dimensionAt(team).intern(TEAM[r.nextInt(3)]));
                }
            }
        }
        return b.build(1);
    }

    /** "team|denominator|converted|numeratorEvents" by brute force over every user's events in stored order. */
    private static Map<String, String> reference(EventStore store, boolean rowLevel, long within) {
        int team = store.dimensionIndex("team").orElseThrow();
        int status = store.dimensionIndex("status").orElseThrow();
        Dimension teams = store.dimensions().get(team);
        int success = store.dimensions().get(status).codeOf("success");
        int call = store.types().codeOfName("call");
        int sale = store.types().codeOfName("sale");
        Map<String, long[]> counts = new TreeMap<>();
        for (Segment s : store.segments()) {
            for (int u = 0; u < s.userCount(); u++) {
                int from = s.offsets()[u];
                int to = s.offsets()[u + 1];
                String touch = "(none)";
                for (int p = from; p < to; p++) {
                    if (s.dimension(team).get(p) >= 0) {
                        touch = teams.value(s.dimension(team).get(p));
                        break;
                    }
                }
                boolean[] converted = new boolean[to - from];
                long[] attributed = new long[to - from];
                for (int p = from; p < to; p++) {
                    boolean numerator = rowLevel ? s.types()[p] == call && s.dimension(status).get(p) == success
                            : s.types()[p] == sale;
                    if (!numerator) {
                        continue;
                    }
                    int target = -1;
                    if (rowLevel) {
                        target = p;
                    } else {
                        for (int q = from; q < to; q++) {
                            if (s.types()[q] == call && s.times()[q] <= s.times()[p]) {
                                target = q;
                            }
                        }
                    }
                    if (target >= 0 && (within == 0 || s.times()[p] - s.times()[target] <= within)) {
                        converted[target - from] = true;
                        attributed[target - from]++;
                    }
                }
                for (int p = from; p < to; p++) {
                    if (s.types()[p] != call) {
                        continue;
                    }
                    int code = s.dimension(team).get(p);
                    long[] c = counts.computeIfAbsent(code >= 0 ? teams.value(code) : touch, k -> new long[3]);
                    c[0]++;
                    c[1] += converted[p - from] ? 1 : 0;
                    c[2] += attributed[p - from];
                }
            }
        }
        Map<String, String> out = new TreeMap<>();
        counts.forEach((k, c) -> out.put(k, c[0] + "|" + c[1] + "|" + c[2]));
        return out;
    }

    private static Map<String, String> kernel(RateResult r) {
        Map<String, String> out = new TreeMap<>();
        for (RateRow row : r.rows().subList(1, r.rows().size())) {
            out.put(row.group().get(0), row.denominator() + "|" + row.converted() + "|" + row.numeratorEvents());
        }
        return out;
    }

    @Test
    void kernelEqualsTheReferenceOnRandomUsersWithEqualTimes() {
        GroupBy byTeam = new GroupBy(List.of(new GroupPart.Dimension("team")), 0, 0);
        for (long seed = 1; seed <= 20; seed++) {
            EventStore store = randomStore(seed);
            for (int threads : new int[]{1, 3}) {
                try (QueryEngine engine = new QueryEngine(threads)) {
                    for (long within : new long[]{0, 300}) {
                        RateResult sales = (RateResult) engine.execute(new RateQuery(List.of(EventRef.ofName("sale")),
                                List.of(), List.of(EventRef.ofName("call")), List.of(), byTeam, Bucket.TOTAL,
                                DateRange.all(), within), store);
                        assertEquals(reference(store, false, within), kernel(sales),
                                "sales per call, seed " + seed + ", threads " + threads + ", within " + within);
                    }
                    RateResult success = (RateResult) engine.execute(new RateQuery(List.of(EventRef.ofName("call")),
                            List.of(new DimensionFilter("status", List.of("success"), false)),
                            List.of(EventRef.ofName("call")), List.of(), byTeam, Bucket.TOTAL, DateRange.all(), 0),
                            store);
                    assertEquals(reference(store, true, 0), kernel(success), "row level, seed " + seed);
                }
            }
        }
    }
}
