package io.voronka.engine.testing;

import io.voronka.engine.config.DatabaseConfig;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.demo.DemoCrm;
import io.voronka.engine.demo.DemoDatabase;
import io.voronka.engine.load.LoadProgress;
import io.voronka.engine.loader.StoreLoader;
import io.voronka.engine.store.EventStore;

import java.sql.Connection;

/** The demo CRM written into a fresh test schema, and loaded back through a configuration, for the SQL oracles. */
public final class DemoInPostgres {
    private DemoInPostgres() {
    }

    /** A new schema holding the demo CRM's tables for (seed, rows). */
    public static PgTestDatabase write(String prefix, long seed, long rows) throws Exception {
        PgTestDatabase db = PgTestDatabase.create(prefix);
        try (Connection c = db.connect()) {
            DemoDatabase.write(c, db.schema(), new DemoCrm(seed, rows));
        } catch (Exception e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** Loads the schema through {@code config} (its database replaced by the test schema), on 2 threads. */
    public static EventStore load(PgTestDatabase db, VoronkaConfig config) {
        return new StoreLoader(config.withDatabase(new DatabaseConfig(db.url(), "", "")), 2, LoadProgress.NONE).load();
    }
}
