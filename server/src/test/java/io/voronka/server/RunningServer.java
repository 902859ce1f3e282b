package io.voronka.server;

import io.voronka.engine.store.EventStore;

import java.time.Duration;

/** An in-process HTTP API on a random loopback port over one store, for tests that talk HTTP to it. */
final class RunningServer implements AutoCloseable {
    final QueryService queries;
    final HttpApi api;
    final String base;

    RunningServer(EventStore store, Duration timeLimit, ServerSettings settings) {
        queries = new QueryService(new StoreHolder(LoadedStore.of(store, "test store"), null), 2, timeLimit);
        api = new HttpApi(queries, new ReportService(queries, DefaultReports.seed()), settings.withPort(0), null)
                .start();
        base = "http://127.0.0.1:" + api.port();
    }

    @Override
    public void close() {
        api.close();
        queries.close();
    }
}
