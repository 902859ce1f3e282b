package io.voronka.server;

import io.voronka.bot.BotSettings;
import io.voronka.bot.VoronkaBot;
import io.voronka.engine.config.DatabaseConfig;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.demo.DemoCrm;
import io.voronka.engine.demo.DemoDatabase;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.load.LoadProgress;
import io.voronka.engine.load.StoreLoader;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.SourceReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The one runnable jar: {@code demo}, {@code serve}, {@code query}, {@code generate}. Errors reach the user as
 * one line and a non-zero exit code, never a stack trace.
 */
@Command(name = "voronka", mixinStandardHelpOptions = true, version = "Voronka 0.1",
        description = "Funnel analytics over events kept in PostgreSQL.",
        subcommands = {VoronkaCli.Demo.class, VoronkaCli.Serve.class, VoronkaCli.Query.class,
                VoronkaCli.Generate.class})
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
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            String message = e instanceof ApiError api ? api.readable() : e.getMessage();
            line.getErr().println("voronka: " + (message == null ? e.getClass().getSimpleName() : message));
            return 2;
        });
        return cli.execute(args);
    }

    /** Loads a store from a configuration file, printing progress for large sources. */
    static EventStore loadFromConfig(Path config, PrintStream progress) {
        VoronkaConfig vc = VoronkaConfig.load(config);
        LoadProgress report = (source, rows) -> progress.printf(Locale.ROOT, "  %s: %,d rows%n", source, rows);
        EventStore store = new StoreLoader(vc, Runtime.getRuntime().availableProcessors(), report).load();
        for (SourceReport r : store.report()) {
            progress.println("  " + r.summary());
        }
        return store;
    }

    static EventStore demoStore(long events, PrintStream progress) {
        long start = System.nanoTime();
        EventStore store = DemoStoreSink.build(42, events, Runtime.getRuntime().availableProcessors());
        progress.printf(Locale.ROOT, "generated the demo CRM: %,d events of %,d users in %.1f s%n",
                store.eventCount(), store.userCount(), (System.nanoTime() - start) / 1e9);
        return store;
    }

    /** Starts the HTTP API (and the bot, when configured) and blocks until the process is stopped. */
    static void serve(StoreHolder holder, ServerSettings settings, PrintStream out) throws Exception {
        String token = settings.tokenEnv() == null ? null : System.getenv(settings.tokenEnv());
        try (QueryService queries = new QueryService(holder, settings.threads(), settings.queryTimeLimit());
             HttpApi api = new HttpApi(queries, new ReportService(queries, settings.reports()), settings, token)
                     .start();
             AutoCloseable bot = startBot(settings, queries, holder, out)) {
            String base = "http://" + settings.host() + ":" + api.port();
            out.println("Voronka serves " + holder.current().origin() + " at " + base);
            out.println("try:");
            out.println("  curl -s '" + base + "/api/query' --data-binary '3 > 4|13 > 7 > pay within 14d'");
            out.println("  curl -s '" + base + "/api/query' --data-binary 'users of 3 per day last 7d change'");
            out.println("  curl -s '" + base + "/api/reports/revenue.png' -o revenue.png");
            out.println("stop with Ctrl+C");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
    }

    /** Starts the Telegram bot when the configuration has a {@code bot} section; else a no-op. */
    private static AutoCloseable startBot(ServerSettings settings, QueryService queries, StoreHolder holder,
                                          PrintStream out) throws Exception {
        if (settings.bot() == null) {
            return () -> { };
        }
        BotSettings bot = BotConfig.from(settings.bot(), holder.current().store().zone().getId());
        VoronkaBot voronkaBot = new VoronkaBot(bot, new ChatBackend(queries, new ReportService(queries,
                settings.reports())), Clock.systemUTC(), Duration.ofSeconds(30));
        voronkaBot.start(VoronkaBot.tokenFromEnvironment(bot));
        out.println("the Telegram bot is running for " + bot.allowedChats().size() + " allowed chats");
        return voronkaBot;
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
            ServerSettings settings = (config == null ? ServerSettings.defaults() : ServerSettings.load(config))
                    .withPort(port).withHost(host);
            EventStore store = demoStore(events, System.out);
            serve(new StoreHolder(LoadedStore.of(store, "the demo CRM"), null), settings, System.out);
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
            ServerSettings settings = ServerSettings.load(config);
            if (port != null) {
                settings = settings.withPort(port);
            }
            System.out.println("loading sources of " + config);
            Supplier<EventStore> loader = () -> loadFromConfig(config, System.out);
            StoreHolder holder = new StoreHolder(LoadedStore.of(loader.get(), config.toString()), loader);
            serve(holder, settings, System.out);
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
        @Parameters(paramLabel = "QUERY", description = "the query text, e.g. '3 > 4|13 > 7 > pay'")
        String text;

        @Override
        public Integer call() throws Exception {
            if ((config == null) == !demo) {
                throw new ApiError(400, "give exactly one of --config FILE or --demo");
            }
            EventStore store = demo ? demoStore(events, System.err) : loadFromConfig(config, System.err);
            StoreHolder holder = new StoreHolder(LoadedStore.of(store, demo ? "the demo CRM" : config.toString()),
                    null);
            try (QueryService queries = new QueryService(holder, Runtime.getRuntime().availableProcessors(),
                    Duration.ofMinutes(10))) {
                QueryResult result = queries.run(text);
                if (json) {
                    System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
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
            try (Connection c = io.voronka.engine.load.PgLoader.connect(new DatabaseConfig(url, "", ""))) {
                long rows = DemoDatabase.write(c, schema, new DemoCrm(42, events));
                System.out.printf(Locale.ROOT, "wrote %,d rows into %s.events and %s.payments in %.1f s%n", rows,
                        schema, schema, (System.nanoTime() - start) / 1e9);
            }
            return 0;
        }
    }

}
