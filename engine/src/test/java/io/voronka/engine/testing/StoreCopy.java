package io.voronka.engine.testing;

import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SparseIntColumn;
import io.voronka.engine.store.StoreBuilder;
import io.voronka.engine.store.Times;

import java.util.function.BiPredicate;

/**
 * A store rebuilt from another one's events, keeping only some users: the plainest way to say "the query sees only
 * these users", to compare user filters against. Types, user ids and dimension codes stay the same.
 */
public final class StoreCopy {
    private StoreCopy() {
    }

    /** The events of users for which {@code keep(segment, localUser)} holds; every user id still exists. */
    public static EventStore keepUsers(EventStore store, BiPredicate<Segment, Integer> keep) {
        StoreBuilder b = new StoreBuilder(store.types(), store.users(), store.zone());
        int source = b.source("copy");
        int[] dims = new int[store.dimensions().size()];
        for (int d = 0; d < dims.length; d++) {
            Dimension original = store.dimensions().get(d);
            dims[d] = b.dimension(original.name());
            for (String value : original.values()) {
                b.dimensionAt(dims[d]).intern(value);
            }
        }
        for (Segment s : store.segments()) {
            for (int u = 0; u < s.userCount(); u++) {
                if (!keep.test(s, u)) {
                    continue;
                }
                for (int p = s.offsets()[u]; p < s.offsets()[u + 1]; p++) {
                    int row = b.append(source, s.firstUser() + u, s.types()[p], Times.toEpochSecond(s.times()[p]));
                    if (s.values() != null && s.values().has(p)) {
                        b.value(row, s.values().get(p, Double.NaN));
                    }
                    for (int d = 0; d < dims.length; d++) {
                        int code = s.dimension(d).get(p);
                        if (code != SparseIntColumn.MISSING) {
                            b.dimensionValue(row, dims[d], code);
                        }
                    }
                }
            }
        }
        b.keepDuplicates(source, true);
        return b.build(2);
    }
}
