package io.voronka.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.result.QueryResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
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
                VoronkaCli.Generate.class})
public final class VoronkaCli {
    static final long DEFAULT_DEMO_EVENTS = 2_000_000;

    public static void main(String[] args) {
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
        return cli.execute(args);
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
            description = "Generate a realistic CRM data set in memory (no database) and serve it.")
    static final class Demo implements Callable<Integer> {
        @Option(names = "--events", description = "rows to generate (default ${DEFAULT-VALUE})")
        long events = DEFAULT_DEMO_EVENTS;
        @Option(names = "--port", description = "HTTP port (default ${DEFAULT-VALUE})")
        int port = 8080;
        @Option(names = "--host", description = "address to listen on (default ${DEFAULT-VALUE})")
        String host = "127.0.0.1";
        @Option(names = "--config", description = "a configuration file for http/reports/bot settings")
        Path config;

        @Override
        public Integer call() throws Exception {
            try (VoronkaApp app = VoronkaApp.demo(events, config, s -> s.withPort(port).withHost(host), System.out)) {
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

        @Override
        public Integer call() throws Exception {
            try (VoronkaApp app = VoronkaApp.configured(config, s -> port == null ? s : s.withPort(port),
                    System.out)) {
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
                    : VoronkaApp.configured(config, oneQuery, System.err)) {
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
                    System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                            .writeValueAsString(ResultJson.of(result)));
                } else {
                    System.out.print(ResultText.of(result));
                }
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
