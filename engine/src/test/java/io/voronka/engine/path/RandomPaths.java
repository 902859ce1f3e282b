package io.voronka.engine.path;

import io.voronka.engine.query.Binning;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.PathsQuery;
import io.voronka.engine.query.TimeInStatusQuery;
import io.voronka.engine.query.UserFilter;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.Times;
import io.voronka.engine.store.UserKeyKind;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random stores for paths and time in status: types defined out of id order (so the same-second rule, by
 * id, differs from the load's type codes), constants among them, many same-second events and repeats.
 */
final class RandomPaths {
    static final long BASE = 1_600_000_000L;
    static final long[] IDS = {7, 2, 11, 5};
    static final String[] CONSTANTS = {"refund", "pay"};

    private RandomPaths() {
    }

    static EventStore store(long seed, int users, int maxEvents) {
        SplittableRandom r = new SplittableRandom(seed);
        StoreBuilder b = new StoreBuilder(UserKeyKind.INT64, ZoneOffset.UTC);
        int source = b.source("events");
        int[] codes = {b.types().define(IDS[0], "seven", List.of()), b.types().constant(CONSTANTS[0]),
                b.types().define(IDS[1], "two", List.of()), b.types().define(IDS[2], "eleven", List.of()),
                b.types().constant(CONSTANTS[1]), b.types().define(IDS[3], "five", List.of())};
        int dim = b.dimension("src");
        String[] srcs = {"ads", "seo", "mail"};
        for (int u = 0; u < users; u++) {
            int user = b.users().internLong(5000 + u * 3L);
            int n = r.nextInt(maxEvents + 1);
            long clock = BASE + r.nextInt(3600);
            for (int i = 0; i < n; i++) {
                clock += r.nextInt(3) == 0 ? 0 : r.nextInt(4000);
                int row = b.append(source, user, codes[r.nextInt(codes.length)], clock);
                if (r.nextInt(3) == 0) {
                    b.dimensionValue(row, dim, b.dimensionAt(dim).intern(srcs[r.nextInt(srcs.length)]));
                }
                if (r.nextInt(4) == 0) {
                    b.value(row, r.nextInt(100));
                }
            }
        }
        return b.build(2);
    }

    static EventRef ref(SplittableRandom r) {
        int x = r.nextInt(IDS.length + CONSTANTS.length + 1);
        if (x < IDS.length) {
            return EventRef.ofId(IDS[x]);
        }
        return x < IDS.length + CONSTANTS.length ? EventRef.ofName(CONSTANTS[x - IDS.length]) : EventRef.ofId(99);
    }

    static List<EventRef> refs(SplittableRandom r, int max) {
        List<EventRef> refs = new ArrayList<>();
        int n = 1 + r.nextInt(max);
        for (int i = 0; i < n; i++) {
            refs.add(ref(r));
        }
        return refs;
    }

    static PathsQuery paths(SplittableRandom r) {
        return new PathsQuery(r.nextBoolean() ? List.of() : refs(r, 2), r.nextInt(3) == 0 ? refs(r, 1) : List.of(),
                2 + r.nextInt(7), r.nextBoolean() ? PathsQuery.MAX_TOP : 1 + r.nextInt(3), r.nextBoolean(),
                DateRange.all(), UserFilter.NONE);
    }

    static TimeInStatusQuery timeInStatus(SplittableRandom r) {
        Binning binning = switch (r.nextInt(4)) {
            case 0 -> new Binning.Auto();
            case 1 -> new Binning.Count(1 + r.nextInt(30));
            case 2 -> new Binning.Width(60L * (1 + r.nextInt(120)));
            default -> new Binning.Edges(List.of(600L, 3600L, 7200L + r.nextInt(3600)));
        };
        return new TimeInStatusQuery(refs(r, 2), r.nextBoolean() ? List.of() : refs(r, 2),
                r.nextBoolean() ? List.of() : refs(r, 1), 60L * (1 + r.nextInt(300)), binning, DateRange.all(),
                UserFilter.NONE);
    }

    /** All times, or a window of a few hours. */
    static int[] range(SplittableRandom r) {
        if (r.nextBoolean()) {
            return new int[]{Integer.MIN_VALUE, Integer.MAX_VALUE};
        }
        int from = Times.toStored(BASE) + 60 * r.nextInt(300);
        return new int[]{from, from + 60 * (1 + r.nextInt(600))};
    }
}
