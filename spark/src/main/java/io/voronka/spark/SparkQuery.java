package io.voronka.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.server.VoronkaCli;
import io.voronka.server.ResultJson;
import io.voronka.server.ResultText;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code SparkQuery --config FILE 'QUERY' [--json]}: one query over the configured sources on Spark (the
 * {@code backend.spark} master, or the one spark-submit gives), printed exactly as {@code voronka.jar query} prints
 * it. Progress goes to stderr; errors are one line and exit code 2.
 */
public final class SparkQuery {
    private SparkQuery() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        Path config = null;
        boolean json = false;
        List<String> text = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 == args.length) {
                        return usage(err, "--config needs a file");
                    }
                    config = Path.of(args[++i]);
                }
                case "--json" -> json = true;
                default -> text.add(args[i]);
            }
        }
        if (config == null || text.size() != 1) {
            return usage(err, config == null ? "--config FILE is required" : "give exactly one query text");
        }
        try {
            VoronkaConfig vc = VoronkaConfig.load(config);
            SparkSettings settings = SparkSettings.load(config);
            SparkSession spark = Sessions.builder(settings.master(), vc.timezone()).getOrCreate();
            try (SparkBackend backend = timed(err, "built", () -> SparkBackend.open(spark, vc, settings.partitions()))) {
                QueryResult result = backend.execute(text.get(0), null);
                if (json) {
                    out.println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                            .writeValueAsString(ResultJson.of(result)));
                } else {
                    out.print(ResultText.of(result));
                }
            } finally {
                spark.stop();
            }
            return 0;
        } catch (Exception e) {
            err.println("voronka: " + VoronkaCli.failureText(e));
            return VoronkaCli.exitCode(e instanceof VoronkaException v ? v.kind() : ErrorKind.INTERNAL);
        }
    }

    private static SparkBackend timed(PrintStream err, String what, java.util.function.Supplier<SparkBackend> open) {
        long start = System.nanoTime();
        SparkBackend backend = open.get();
        err.printf(Locale.ROOT, "%s %d partition stores: %,d events of %,d users in %.1f s%n", what,
                backend.partitions().size(), backend.eventCount(), backend.userCount(),
                (System.nanoTime() - start) / 1e9);
        return backend;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("voronka: " + problem);
        err.println("usage: SparkQuery --config FILE 'QUERY' [--json]");
        return 2;
    }
}
