package io.voronka.engine.load;

import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.Segment;
import io.voronka.engine.store.SparseIntColumn;
import io.voronka.engine.store.Times;

import java.util.ArrayList;
import java.util.List;

/** A built store flattened back into readable rows, for assertions. */
record StoreRows(String user, String type, long epochSecond, Double value, List<String> dimensions) {
    static List<StoreRows> of(EventStore store) {
        List<StoreRows> rows = new ArrayList<>();
        for (Segment s : store.segments()) {
            for (int u = 0; u < s.userCount(); u++) {
                for (int e = s.offsets()[u]; e < s.offsets()[u + 1]; e++) {
                    Double value = s.values() != null && s.values().has(e) ? s.values().get(e, Double.NaN) : null;
                    List<String> dims = new ArrayList<>();
                    for (int d = 0; d < store.dimensions().size(); d++) {
                        int code = s.dimension(d).get(e);
                        dims.add(code == SparseIntColumn.MISSING ? null : store.dimensions().get(d).value(code));
                    }
                    rows.add(new StoreRows(store.users().key(s.firstUser() + u), store.types().name(s.types()[e]),
                            Times.toEpochSecond(s.times()[e]), value, dims));
                }
            }
        }
        return rows;
    }
}
