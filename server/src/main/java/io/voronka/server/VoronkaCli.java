package io.voronka.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.load.HeapBudget;
import io.voronka.engine.result.QueryResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/**
 * The one runnable jar: {@code demo}, {@code serve}, {@code query}, {@code generate}. It parses arguments and calls
 * {@link VoronkaApp}. Errors reach the user as readable text and an exit code per kind ({@link #exitCode}, README
 * "Errors"), never a stack trace: an unexpected failure prints an incident id and the file with its details.
 */
@Command(name = "voronka", mixinStandardHelpOptions = true, version = "Voronka 0.1",
        description = "Funnel analytics over events kept in PostgreSQL.",
        subcommands = {VoronkaCli.Demo.class, VoronkaCli.Serve.class, VoronkaCli.Query.class,
                VoronkaCli.Generate.class, VoronkaCli.Reload.class, VoronkaCli.SnapshotCommand.class,
                VoronkaCli.Refresh.class})
public final class VoronkaCli {
    static final long DEFAULT_DEMO_EVENTS = 2_000_000;

    public static void main(String[] args) {
        // Chronicle Map (user keys of a snapshot) would otherwise write usage files to the home folder and call out
        System.setProperty("chronicle.analytics.disable", System.getProperty("chronicle.analytics.disable", "true"));
        System.setProperty("chronicle.announcer.disable", System.getProperty("chronicle.announcer.disable", "true"));
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the CLI with the given streams; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new VoronkaCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("voronka: " + failureText(e));
            return exitCode(kindOf(e));
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("voronka: out of memory: the Java heap of " + HeapBudget.bytes(Runtime.getRuntime().maxMemory())
                    + " is too small for this work; start Java with a larger -Xmx");
            return exitCode(ErrorKind.TOO_LARGE);
        }
    }

    /** The exit code of each kind of error; 0 is success. Documented in README, "Exit codes". */
    public static int exitCode(ErrorKind kind) {
        return switch (kind) {
            case INTERNAL -> 1;
            case USER, NOT_FOUND -> 2;
            case UNAVAILABLE -> 3;
            case CONFIGURATION -> 4;
            case TIMEOUT -> 5;
            case CONFLICT -> 6;
            case TOO_LARGE -> 7;
            case REFUSED -> 8;
            case BUSY -> 9;
        };
    }

    private static ErrorKind kindOf(Exception e) {
        return e instanceof VoronkaException v ? v.kind() : ErrorKind.INTERNAL;
    }

    /** What the user is told: the readable message, or for an internal error only an incident id. */
    public static String failureText(Exception e) {
        return kindOf(e) == ErrorKind.INTERNAL ? incident(e) : e.getMessage();
    }

    /** Writes the stack trace to a file in the temporary folder; returns what the user is told. */
    private static String incident(Exception e) {
        String id = Incident.newId();
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "voronka-incident-" + id + ".txt");
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        try {
            Files.writeString(file, trace.toString(), StandardCharsets.UTF_8);
        } catch (IOException notWritten) {
            return "internal error (incident " + id + "); its details could not be written to " + file;
        }
        return "internal error (incident " + id + "); the details are in " + file;
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Generate a realistic CRM data set (no database) and serve it; the data is kept as a "
                    + "snapshot, so the next demo starts from it.")
    static final class Demo implements Callable<Integer> {
        @Option(names = "--events", description = "rows to generate (default ${DEFAULT-VALUE})")
        long events = DEFAULT_DEMO_EVENTS;
        @Option(names = "--port", description = "HTTP port (default ${DEFAULT-VALUE})")
        int port = 8080;
        @Option(names = "--host", description = "address to listen on (default ${DEFAULT-VALUE})")
        String host = "127.0.0.1";
        @Option(names = "--config", description = "a configuration file for http/reports/bot settings")
        Path config;
        @Option(names = "--storage", paramLabel = "DIR", description = "keep the generated data as a snapshot in DIR, "
                + "a folder of the demo's own (default: $XDG_CACHE_HOME/voronka/demo-EVENTS, else "
                + "~/.cache/voronka/demo-EVENTS); a later demo with as many events reopens it")
        Path storage;
        @Option(names = "--in-memory", description = "generate the data on every start and keep no snapshot")
        boolean inMemory;

        @Override
        public Integer call() throws Exception {
            if (inMemory && storage != null) {
                throw VoronkaException.user("give at most one of --storage DIR and --in-memory");
            }
            Path folder = inMemory ? null : storage != null ? storage : DemoSnapshot.defaultFolder(events);
            try (VoronkaApp app = VoronkaApp.demo(events, config, s -> s.withPort(port).withHost(host), System.out,
                    folder)) {
                app.serve(System.out);
            }
            return 0;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Load the configured sources from PostgreSQL and serve them.")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "configuration file (YAML)")
        Path config;
        @Option(names = "--port", description = "HTTP port (overrides http.port)")
        Integer port;
        @Option(names = "--snapshot-only", description = "serve only from the snapshot in storage.path: exit 2 "
                + "instead of loading from the sources when it is missing or unusable")
        boolean snapshotOnly;

        @Override
        public Integer call() throws Exception {
            try (VoronkaApp app = VoronkaApp.configured(config, s -> port == null ? s : s.withPort(port),
                    System.out, snapshotOnly)) {
                app.serve(System.out);
            }
            return 0;
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true,
            description = "Run one query and print a table (or JSON).")
    static final class Query implements Callable<Integer> {
        @Option(names = "--config", description = "configuration file: load its sources from PostgreSQL")
        Path config;
        @Option(names = "--demo", description = "query the generated demo CRM instead of a database")
        boolean demo;
        @Option(names = "--events", description = "demo rows to generate (default ${DEFAULT-VALUE})")
        long events = DEFAULT_DEMO_EVENTS;
        @Option(names = "--json", description = "print JSON instead of a table")
        boolean json;
        @Option(names = "--snapshot-only", description = "with --config: answer from the snapshot in storage.path "
                + "only (exit 2 when there is none), never from the sources")
        boolean snapshotOnly;
        @Option(names = "--png", paramLabel = "FILE", description = "also write the answer's chart to FILE")
        Path png;
        @Parameters(paramLabel = "QUERY", description = "the query text, e.g. '3 > 4|13 > 7 > pay'")
        String text;

        @Override
        public Integer call() throws Exception {
            if ((config == null) == !demo) {
                throw VoronkaException.user("give exactly one of --config FILE or --demo");
            }
            // one query from a terminal: all cores and a generous time limit
            UnaryOperator<ServerSettings> oneQuery = s -> s
                    .withThreads(Runtime.getRuntime().availableProcessors()).withQueryTimeLimit(Duration.ofMinutes(10));
            try (VoronkaApp app = demo ? VoronkaApp.demo(events, null, oneQuery, System.err)
                    : VoronkaApp.configured(config, oneQuery, System.err, snapshotOnly, false)) {
                QueryService.Answer answer = app.answer(text);
                QueryResult result = answer.result();
                answer.warnings().forEach(w -> System.err.println("warning: " + w));
                if (png != null) {
                    if (!ChartRenderer.hasChart(result)) {
                        throw VoronkaException.user("this answer has no chart to write to " + png);
                    }
                    Files.write(png, ChartRenderer.png(text, result, "bar"));
                }
                if (json) {
                    Object body = answer.explained()
                            ? Map.of("result", ResultJson.of(result), "explain", ExplainJson.of(answer))
                            : ResultJson.of(result);
                    System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(body));
                } else {
                    System.out.print(ResultText.of(result));
                    if (answer.explained()) {
                        System.out.println();
                        System.out.println("explain:");
                        for (String line : ExplainJson.text(answer)) {
                            System.out.println("  " + line);
                        }
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "reload", mixinStandardHelpOptions = true,
            description = "Ask a running server to read its sources again (POST /api/reload).")
    static final class Reload implements Callable<Integer> {
        @Option(names = "--url", description = "the server (default ${DEFAULT-VALUE})")
        String url = "http://127.0.0.1:8080";
        @Option(names = "--force", description = "install the new data even when it lost more events or users than"
                + " reload.max_shrink allows")
        boolean force;
        @Option(names = "--token-env", description = "environment variable holding the server's API token")
        String tokenEnv;

        @Override
        public Integer call() throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/api/reload"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"force\":" + force + "}"));
            String token = tokenEnv == null ? null : System.getenv(tokenEnv);
            if (token != null && !token.isEmpty()) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> answer;
            try {
                answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new VoronkaException(ErrorKind.UNAVAILABLE, "cannot reach the server at " + url + ": " + e);
            }
            JsonNode body = new ObjectMapper().readTree(answer.body());
            if (answer.statusCode() == 200) {
                System.out.printf(Locale.ROOT, "reloaded: %,d events of %,d users%n", body.path("events").asLong(),
                        body.path("users").asLong());
                return 0;
            }
            throw new VoronkaException(kindOf(body.path("kind").asText()), body.path("error").asText(answer.body()));
        }

        private static ErrorKind kindOf(String label) {
            for (ErrorKind kind : ErrorKind.values()) {
                if (kind.label().equals(label) && kind != ErrorKind.INTERNAL) {
                    return kind;
                }
            }
            return ErrorKind.UNAVAILABLE; // the server's own failure (its answer names the incident)
        }
    }

    @Command(name = "snapshot", mixinStandardHelpOptions = true,
            description = "Load the configured sources and write them as the snapshot in storage.path, then exit.")
    static final class SnapshotCommand implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "configuration file (YAML) with storage.path")
        Path config;

        @Override
        public Integer call() {
            VoronkaApp.writeSnapshot(config, System.out);
            return 0;
        }
    }

    @Command(name = "refresh", mixinStandardHelpOptions = true,
            description = "Read the rows past each source's watermark into the snapshot in storage.path, then exit.")
    static final class Refresh implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "configuration file (YAML) with storage.path")
        Path config;

        @Override
        public Integer call() {
            try (VoronkaApp app = VoronkaApp.configured(config, s -> s, System.out, false)) {
                app.stores().refresh();
            }
            return 0;
        }
    }

    @Command(name = "generate", aliases = "load", mixinStandardHelpOptions = true,
            description = "Write the demo CRM into PostgreSQL tables (events, events_dict, payments, costs).")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--db", required = true,
                description = "JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/crm?user=postgres")
        String url;
        @Option(names = "--schema", description = "schema to create the tables in (default ${DEFAULT-VALUE})")
        String schema = "public";
        @Option(names = "--events", description = "rows to generate (default ${DEFAULT-VALUE})")
        long events = DEFAULT_DEMO_EVENTS;

        @Override
        public Integer call() throws Exception {
            long start = System.nanoTime();
            long rows = VoronkaApp.writeDemoDatabase(url, schema, events);
            System.out.printf(Locale.ROOT, "wrote %,d rows into %s.events and %s.payments in %.1f s%n", rows,
                    schema, schema, (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }
}
