package io.voronka.spark;

import io.voronka.engine.config.ConfigDocument;
import io.voronka.engine.config.ConfigException;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.snapshot.Snapshot;
import io.voronka.server.BackendSettings;
import io.voronka.server.FreshnessSettings;
import io.voronka.server.LoadedStore;
import io.voronka.server.ServerSettings;
import io.voronka.server.ShrinkGuard;
import io.voronka.server.StoreHolder;
import io.voronka.server.VoronkaApp;
import io.voronka.server.VoronkaCli;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * {@code SparkServe --config FILE [--port N]}: {@code voronka.jar serve} with {@code backend: spark}. The same HTTP
 * API, web page, reports and Telegram bot, answered through one long-lived Spark session: the configured sources are
 * read by Spark into per-user-partition engine stores cached on the executors ({@link SparkBackend}), and every
 * query is a Spark job over them ({@link SparkServing}). Run it with {@code spark-submit} or with plain {@code java}
 * and Spark's jars on the class path; errors are one line and the CLI's exit codes.
 */
public final class SparkServe {
    private SparkServe() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        Path config = null;
        Integer port = null;
        for (int i = 0; i < args.length; i++) {
            if (i + 1 == args.length || !(args[i].equals("--config") || args[i].equals("--port"))) {
                return usage(err, "unexpected argument '" + args[i] + "'");
            }
            String value = args[++i];
            if (args[i - 1].equals("--config")) {
                config = Path.of(value);
            } else if (value.matches("\\d{1,5}")) {
                port = Integer.parseInt(value);
            } else {
                return usage(err, "--port needs a port number, was '" + value + "'");
            }
        }
        if (config == null) {
            return usage(err, "--config FILE is required");
        }
        Integer chosenPort = port;
        try {
            ConfigDocument document = VoronkaApp.checked(ConfigDocument.read(config, System::getenv));
            BackendSettings.Spark settings = sparkSettings(document);
            SparkSession spark = Sessions.builder(settings.master(), VoronkaConfig.from(document).timezone())
                    .getOrCreate();
            try (Served served = start(document, spark, s -> chosenPort == null ? s : s.withPort(chosenPort), out)) {
                served.app().serve(out);
            } finally {
                spark.stop();
            }
            return 0;
        } catch (Exception e) {
            err.println("voronka: " + VoronkaCli.failureText(e));
            return VoronkaCli.exitCode(e instanceof VoronkaException v ? v.kind() : ErrorKind.INTERNAL);
        }
    }

    /** A Voronka app answered by Spark, and the versions it serves (closed with it; the session is the caller's). */
    record Served(VoronkaApp app, SparkServing serving) implements AutoCloseable {
        @Override
        public void close() {
            app.close();
            serving.close();
        }
    }

    /**
     * Reads the sources of {@code document} with {@code spark} into partition stores and assembles the app over them
     * (HTTP not started yet: {@link VoronkaApp#serve} or {@link VoronkaApp#startHttp}).
     */
    static Served start(ConfigDocument document, SparkSession spark, UnaryOperator<ServerSettings> overrides,
                        PrintStream progress) {
        BackendSettings.Spark settings = sparkSettings(document);
        VoronkaConfig engine = VoronkaConfig.from(document);
        ServerSettings server = overrides.apply(ServerSettings.from(document));
        boolean live = engine.sources().stream().anyMatch(s -> s.location().inDatabase());
        FreshnessSettings freshness = FreshnessSettings.from(document, live);
        if (freshness.storage() != null) {
            progress.println("storage.path is not used with backend: spark: the partition stores live in the"
                    + " executors' memory and are built from the sources at start and on every reload");
        }
        String master = spark.sparkContext().master();
        progress.println("reading the sources of " + document.file() + " with Spark (" + master + ") into "
                + settings.partitions() + " user partitions");
        SparkServing serving = new SparkServing(spark, engine, settings.partitions(), progress);
        try {
            Snapshot first = serving.reload();
            String origin = document.file() + " on Spark (" + master + ", " + settings.partitions() + " partitions)";
            StoreHolder stores = new StoreHolder(LoadedStore.of(first, origin), serving,
                    new ShrinkGuard(server.maxShrink()));
            return new Served(VoronkaApp.of(stores, serving, server, freshness), serving);
        } catch (RuntimeException e) {
            serving.close();
            throw e;
        }
    }

    private static BackendSettings.Spark sparkSettings(ConfigDocument document) {
        BackendSettings backend = BackendSettings.from(document);
        if (!backend.isSpark()) {
            throw new ConfigException(document.file() + ": SparkServe answers through Spark and needs a section"
                    + " 'backend: { spark: { master: \"local[*]\", partitions: 8 } }' (docs/configuration.md); without"
                    + " it serve the file from memory with voronka.jar serve");
        }
        return backend.spark();
    }

    private static int usage(PrintStream err, String problem) {
        err.println("voronka: " + problem);
        err.println("usage: SparkServe --config FILE [--port N]");
        return 2;
    }
}
