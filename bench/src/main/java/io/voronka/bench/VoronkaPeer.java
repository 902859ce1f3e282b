package io.voronka.bench;

import io.voronka.dsl.Catalog;
import io.voronka.dsl.QueryParser;
import io.voronka.engine.config.DatabaseConfig;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.exec.QueryEngine;
import io.voronka.engine.load.LoadProgress;
import io.voronka.engine.loader.StoreLoader;
import io.voronka.engine.store.Dimension;
import io.voronka.engine.store.EventStore;

import java.nio.file.Path;
import java.util.Map;

/** Voronka loaded from the same PostgreSQL tables through its loader (binary COPY), answering from memory. */
public final class VoronkaPeer implements Peer {
    /** The seed schema's config, plus the demo's dimension columns. */
    static final String CONFIG = """
            timezone: Europe/Moscow
            database: { url: "jdbc:postgresql://replaced/db" }
            dictionary: { table: events_dict, id: id, name: name, aliases: [name_en] }
            sources:
              - name: events
                table: events
                user: _user_id
                time: happened_at
                type: { column: event_id }
                dimensions: [utm_source, device, operator_group]
              - name: payments
                table: payments
                user: _user_id
                time: transaction_created_at
                type: { constant: pay }
                value: amount
                dimensions: [currency, product]
                filter: "NOT is_gift"
            """;

    private final EventStore store;
    private final Catalog catalog;
    private final QueryEngine engine;
    private final double loadSeconds;
    private final long heapBytes;

    public VoronkaPeer(String schemaUrl, int threads) {
        VoronkaConfig config = VoronkaConfig.parse(CONFIG, Path.of("bench.yaml"), name -> null)
                .withDatabase(new DatabaseConfig(schemaUrl, "", ""));
        long heapBefore = heapUsedAfterGc();
        long start = System.nanoTime();
        this.store = new StoreLoader(config, threads, LoadProgress.NONE).load();
        this.loadSeconds = (System.nanoTime() - start) / 1e9;
        this.heapBytes = heapUsedAfterGc() - heapBefore;
        this.catalog = new Catalog(store.types(), store.dimensions().stream().map(Dimension::name).toList());
        this.engine = new QueryEngine(threads);
    }

    public EventStore store() {
        return store;
    }

    public double loadSeconds() {
        return loadSeconds;
    }

    /** Heap the loaded store holds: heap used after a full GC, after the load minus before it. */
    public long heapBytes() {
        return heapBytes;
    }

    /** Heap in use after asking for full collections until the figure settles (System.gc is only a request). */
    static long heapUsedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = rt.totalMemory() - rt.freeMemory();
            if (now >= used - (1 << 20)) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }

    @Override
    public String name() {
        return "Voronka";
    }

    @Override
    public long events() {
        return store.eventCount();
    }

    @Override
    public Map<String, Double> answer(Question question) throws Exception {
        return Answers.of(engine.execute(QueryParser.parse(question.voronka(), catalog), store));
    }

    @Override
    public void close() {
        engine.close();
    }
}
