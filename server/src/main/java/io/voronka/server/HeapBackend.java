package io.voronka.server;

import io.voronka.engine.exec.Explanation;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.store.EventStore;

import java.util.Map;

/** The default {@link QueryBackend}: the engine over the events of the version's own in-memory store. */
final class HeapBackend implements QueryBackend {
    static final HeapBackend INSTANCE = new HeapBackend();

    private HeapBackend() {
    }

    @Override
    public QueryResult execute(Request r) {
        return r.engine().execute(r.parsed().query(), r.version().store(), r.today(), r.deadline());
    }

    @Override
    public Explanation explain(Request r) {
        return r.engine().explain(r.parsed().query(), r.version().store(), r.today(), r.deadline());
    }

    @Override
    public Holding holding(LoadedStore version) {
        EventStore store = version.store();
        return new Holding("heap", store.eventCount(), store.userCount(), Map.of());
    }

    @Override
    public DimensionSummary dimensions(LoadedStore version) {
        return DimensionSummary.of(version.store(), DimensionSummary.TOP_VALUES);
    }
}
