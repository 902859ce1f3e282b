package io.voronka.server;

import io.voronka.bot.BotSettings;
import io.voronka.bot.VoronkaBot;
import io.voronka.engine.config.ConfigDocument;
import io.voronka.engine.config.ConfigException;
import io.voronka.engine.config.DatabaseConfig;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.demo.DemoCrm;
import io.voronka.engine.demo.DemoDatabase;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.error.ErrorKind;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.load.postgres.PgDatabase;
import io.voronka.engine.loader.StoreLoader;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.snapshot.Snapshot;
import io.voronka.engine.store.EventStore;
import io.voronka.engine.store.SourceReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

/**
 * One Voronka process assembled from one parsed configuration: the store holder (demo data or the configured
 * sources), the query service, the reports, and when serving the HTTP API and the Telegram bot. The configuration
 * file is parsed once; the engine and the server read their sections from the same {@link ConfigDocument}.
 * {@link VoronkaCli} only turns arguments into calls of this class.
 */
public final class VoronkaApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VoronkaApp.class);

    private final StoreHolder stores;
    private final ServerSettings settings;
    private final QueryService queries;
    private final ReportService reports;

    private final FreshnessSettings freshness;
    private CompletableFuture<Path> demoSnapshot =
            CompletableFuture.completedFuture(null);

    VoronkaApp(StoreHolder stores, ServerSettings settings, FreshnessSettings freshness) {
        this(stores, QueryBackend.heap(), settings, freshness);
    }

    private VoronkaApp(StoreHolder stores, QueryBackend backend, ServerSettings settings,
                       FreshnessSettings freshness) {
        this.stores = stores;
        this.settings = settings;
        this.freshness = freshness;
        this.queries = new QueryService(stores, backend, settings.threads(), settings.queueLength(),
                settings.queryTimeLimit(), freshness.today(), settings.limits().resultCacheBytes());
        this.reports = new ReportService(queries, settings.reports());
    }

    /**
     * The versions of {@code stores} answered by {@code backend}: how another module serves data it holds elsewhere
     * (the {@code spark} module's {@code SparkServe}), with the same HTTP API, web page, reports and bot.
     */
    public static VoronkaApp of(StoreHolder stores, QueryBackend backend, ServerSettings settings,
                                FreshnessSettings freshness) {
        return new VoronkaApp(stores, backend, settings, freshness);
    }

    /**
     * The demo CRM generated in memory. {@code config} (may be null) gives the {@code http}, {@code reports} and
     * {@code bot} sections; {@code overrides} applies command-line options to the settings.
     */
    public static VoronkaApp demo(long events, Path config, UnaryOperator<ServerSettings> overrides,
                                  PrintStream progress) {
        return demo(events, config, overrides, progress, null);
    }

    /**
     * The demo CRM, kept as a snapshot in {@code storage} (null: in memory only): the first start generates it,
     * serves it at once and writes the snapshot in the background; a later start with the same event count reopens
     * that snapshot instead of generating again. A snapshot of another event count, format or generator, or a damaged
     * one, is reported in one line and replaced.
     */
    public static VoronkaApp demo(long events, Path config, UnaryOperator<ServerSettings> overrides,
                                  PrintStream progress, Path storage) {
        ServerSettings settings = overrides.apply(config == null ? ServerSettings.defaults()
                : ServerSettings.from(checked(ConfigDocument.read(config, System::getenv))));
        DemoSnapshot cache = storage == null ? null : new DemoSnapshot(storage, events, progress).owned();
        if (settings.port() != 0) {
            progress.printf(Locale.ROOT, "Voronka demo: the page will be at %s/ once %,d events are %s%n",
                    pageAddress(settings.host(), settings.port()), events, storage == null ? "generated" : "ready");
        }
        EventStore reopened = cache == null ? null : cache.reopen();
        if (reopened != null) {
            return new VoronkaApp(new StoreHolder(LoadedStore.of(reopened, "the demo CRM"), null), settings,
                    FreshnessSettings.NONE);
        }
        long start = System.nanoTime();
        EventStore store = DemoStoreSink.buildWithOtherSeeds(42, events, Runtime.getRuntime().availableProcessors());
        progress.printf(Locale.ROOT, "generated the demo CRM: %,d events of %,d users in %.1f s%n",
                store.eventCount(), store.userCount(), (System.nanoTime() - start) / 1e9);
        VoronkaApp app = new VoronkaApp(new StoreHolder(LoadedStore.of(store, "the demo CRM"), null), settings,
                FreshnessSettings.NONE);
        if (cache != null) {
            app.demoSnapshot = cache.writeInBackground(store);
        }
        return app;
    }

    /** The demo snapshot being written in the background (done at once when there is none). */
    CompletableFuture<Path> demoSnapshot() {
        return demoSnapshot;
    }

    /**
     * The configured sources: reopened from the snapshot in {@code storage.path} when there is a usable one, else
     * loaded (and written as the snapshot). The file is parsed once for the engine's and the server's sections; a
     * reload or refresh reads the sources with the configuration the process started with.
     *
     * @param snapshotOnly serve only from the snapshot: without a usable one, fail (a user error) instead of loading
     */
    public static VoronkaApp configured(Path config, UnaryOperator<ServerSettings> overrides, PrintStream progress,
                                       boolean snapshotOnly) {
        return configured(config, overrides, progress, snapshotOnly, true);
    }

    /**
     * As above; {@code serving} false for a process that answers one query and exits: no warm-up on the store read
     * ({@link WarmStart}).
     */
    public static VoronkaApp configured(Path config, UnaryOperator<ServerSettings> overrides, PrintStream progress,
                                       boolean snapshotOnly, boolean serving) {
        ConfigDocument document = checked(ConfigDocument.read(config, System::getenv));
        if (BackendSettings.from(document).isSpark()) {
            throw new ConfigException(config + ": 'backend: spark' is answered by voronka-spark.jar, not voronka.jar:"
                    + " serve it with spark-submit --class io.voronka.spark.SparkServe voronka-spark.jar --config "
                    + config + " (one query: io.voronka.spark.SparkQuery; README, 'Past one machine: Spark'), or"
                    + " remove the backend section to load the sources into memory");
        }
        VoronkaConfig engine = VoronkaConfig.from(document);
        ServerSettings settings = overrides.apply(ServerSettings.from(document));
        boolean live = engine.sources().stream().anyMatch(s -> s.location().inDatabase());
        FreshnessSettings freshness = FreshnessSettings.from(document, live);
        ConfiguredSource source = new ConfiguredSource(engine, freshness.storage(), progress, serving);
        progress.println(freshness.storage() == null ? "loading sources of " + config
                : "starting " + config + " from the snapshot in " + freshness.storage());
        Snapshot first = source.start(snapshotOnly);
        return new VoronkaApp(new StoreHolder(LoadedStore.of(first, config.toString()), source,
                new ShrinkGuard(settings.maxShrink())), settings, freshness);
    }

    /** {@code voronka snapshot}: a full load of the sources written as the snapshot (storage.path required). */
    public static void writeSnapshot(Path config, PrintStream progress) {
        ConfigDocument document = ConfigDocument.read(config, System::getenv);
        VoronkaConfig engine = VoronkaConfig.from(document);
        FreshnessSettings freshness = FreshnessSettings.from(document, true);
        if (freshness.storage() == null) {
            throw VoronkaException.user(config + ": 'storage: { path: ... }' is required to write a snapshot");
        }
        new ConfiguredSource(engine, freshness.storage(), progress, false).reload();
    }

    public QueryService queries() {
        return queries;
    }

    public StoreHolder stores() {
        return stores;
    }

    /** Refuses top-level keys no module reads (a misspelt {@code htpp:} is an error with "did you mean"). */
    public static ConfigDocument checked(ConfigDocument document) {
        List<String> sections = new ArrayList<>(VoronkaConfig.SECTIONS);
        sections.addAll(ServerSettings.SECTIONS);
        sections.addAll(FreshnessSettings.SECTIONS);
        sections.addAll(BackendSettings.SECTIONS);
        document.top().allow(sections.toArray(String[]::new));
        return document;
    }

    /** Loads a store from the engine's configuration, printing progress for large sources. */
    static EventStore load(VoronkaConfig config, PrintStream progress) {
        TerminalProgress report = TerminalProgress.of(progress);
        EventStore store;
        try {
            store = new StoreLoader(config, Runtime.getRuntime().availableProcessors(), report).load();
        } finally {
            report.endLine();
        }
        for (SourceReport r : store.report()) {
            progress.println("  " + r.summary());
        }
        return store;
    }

    /** Writes the demo CRM into PostgreSQL tables; returns the rows written. */
    public static long writeDemoDatabase(String url, String schema, long events) {
        try (Connection c = PgDatabase.connect(new DatabaseConfig(url, "", ""))) {
            return DemoDatabase.write(c, schema, new DemoCrm(42, events));
        } catch (SQLException e) {
            throw new VoronkaException(ErrorKind.UNAVAILABLE, "writing the demo CRM into schema '" + schema
                    + "' failed: " + e.getMessage(), e);
        }
    }

    public QueryResult query(String text) {
        return queries.run(text);
    }

    /** The result and the parser's warnings (e.g. a filter on a value no event has). */
    public QueryService.Answer answer(String text) {
        return queries.answer(text);
    }

    /** Starts the HTTP API (and the bot, when configured) and blocks until the process is stopped. */
    public void serve(PrintStream out) throws Exception {
        try (HttpApi api = startHttp(out, System::getenv)) {
            AutoCloseable bot = startBot(out);
            try (bot; FreshnessSchedule schedule = FreshnessSchedule.start(stores, freshness,
                    stores.current().store().zone())) {
                schedule.plan().forEach(out::println);
                String base = pageAddress(settings.host(), api.port());
                out.println("Open " + base + "/ in a browser: Voronka serves " + stores.current().origin() + " there");
                out.println("the HTTP API, for example:");
                out.println("  curl -s '" + base + "/api/query' --data-binary '3 > 4|13 > 7 > pay within 14d'");
                out.println("  curl -s '" + base + "/api/query' --data-binary 'users of 3 per day last 7d change'");
                out.println("  curl -s '" + base + "/api/reports/revenue.png' -o revenue.png");
                out.println("stop with Ctrl+C");
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
                stopped.await();
            }
        }
    }

    /**
     * Starts the HTTP API. Auth fails closed: a token variable that is named but unset or empty stops here; a server
     * listening beyond loopback without a token says so loudly.
     */
    public HttpApi startHttp(PrintStream out, UnaryOperator<String> environment) {
        String token = settings.token(environment);
        if (token == null && !settings.loopbackOnly()) {
            String warning = "WARNING: listening on " + settings.host() + " WITHOUT an API token: anyone who can"
                    + " reach this address can read all the data. Set http.token_env, or listen on 127.0.0.1.";
            out.println(warning);
            LOG.warn(warning);
        }
        return new HttpApi(queries, reports, settings, token).start();
    }

    /** The address a browser on this machine reaches the server at ("0.0.0.0" listens everywhere, loopback too). */
    static String pageAddress(String host, int port) {
        String reachable = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "http://" + (reachable.contains(":") ? "[" + reachable + "]" : reachable) + ":" + port;
    }

    /** Starts the Telegram bot when the configuration has a {@code bot} section; else a no-op. */
    private AutoCloseable startBot(PrintStream out) {
        if (settings.bot() == null) {
            return () -> { };
        }
        BotSettings bot = BotConfig.from(settings.bot(), stores.current().store().zone().getId());
        VoronkaBot voronkaBot = new VoronkaBot(bot, new ChatBackend(queries, reports, freshness.refreshEvery()), Clock.systemUTC(),
                Duration.ofSeconds(30));
        String token;
        try {
            token = VoronkaBot.tokenFromEnvironment(bot);
        } catch (IllegalStateException e) {
            throw new ConfigException(e.getMessage());
        }
        try {
            voronkaBot.start(token);
        } catch (TelegramApiException e) {
            voronkaBot.close();
            throw new VoronkaException(ErrorKind.UNAVAILABLE, "the Telegram Bot API cannot be reached: "
                    + e.getMessage(), e);
        }
        out.println("the Telegram bot is running for " + bot.allowedChats().size() + " allowed chats");
        return voronkaBot;
    }

    @Override
    public void close() {
        queries.close();
    }
}
