package io.voronka.server;

import io.voronka.engine.config.ConfigDocument;
import io.voronka.engine.config.ConfigException;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.store.EventStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server refuses to start unsafe or misconfigured, and its result cache stays within its bytes (issue 11). */
class SafeStartTest {
    private static final EventStore STORE = DemoStoreSink.build(5, 30_000, 2);

    private static ConfigDocument yaml(String text) {
        return ConfigDocument.parse(text, Path.of("<test>"), Map.of("EMPTY_TOKEN", "")::get);
    }

    private static VoronkaApp app(ServerSettings settings) {
        return new VoronkaApp(new StoreHolder(LoadedStore.of(STORE, "demo"), null), settings, FreshnessSettings.NONE);
    }

    @Test
    void tokenVariableNamedButUnsetRefusesToStartNamingIt() {
        ServerSettings settings = ServerSettings.from(yaml("http: {token_env: VORONKA_NO_SUCH_TOKEN, port: 0}"));
        try (VoronkaApp app = app(settings)) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> app.startHttp(new PrintStream(new ByteArrayOutputStream()), name -> null));
            assertTrue(e.getMessage().contains("VORONKA_NO_SUCH_TOKEN") && e.getMessage().contains("not set"),
                    e.getMessage());
        }
    }

    @Test
    void tokenVariableNamedButEmptyRefusesToStart() {
        ServerSettings settings = ServerSettings.from(yaml("http: {token_env: EMPTY_TOKEN}"));
        ConfigException e = assertThrows(ConfigException.class, () -> settings.token(name -> ""));
        assertTrue(e.getMessage().contains("EMPTY_TOKEN") && e.getMessage().contains("empty"), e.getMessage());
        assertNull(ServerSettings.defaults().token(name -> "ignored"), "no token_env, no token");
    }

    @Test
    void misspeltTopLevelSectionIsAnErrorWithDidYouMean() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> VoronkaApp.checked(yaml("htpp:\n  port: 9000\n")));
        assertTrue(e.getMessage().contains("'htpp'") && e.getMessage().contains("did you mean 'http'"),
                e.getMessage());
        VoronkaApp.checked(yaml("http: {port: 9000}\ntimezone: UTC\nreports: []\n"));
    }

    @Test
    void misspeltKeyInsideASectionSuggestsTheKnownOne() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ServerSettings.from(yaml("http: {prot: 9000}")));
        assertTrue(e.getMessage().contains("did you mean 'port'"), e.getMessage());
    }

    @Test
    void listensOnLoopbackByDefaultAndWarnsBeyondItWithoutAToken() {
        assertEquals("127.0.0.1", ServerSettings.defaults().host());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (VoronkaApp app = app(ServerSettings.defaults().withHost("0.0.0.0").withPort(0));
             HttpApi api = app.startHttp(new PrintStream(printed, true, StandardCharsets.UTF_8), name -> null)) {
            assertTrue(api.port() > 0);
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("WARNING") && out.contains("WITHOUT an API token"), out);
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        try (VoronkaApp app = app(ServerSettings.defaults().withPort(0));
             HttpApi api = app.startHttp(new PrintStream(quiet, true, StandardCharsets.UTF_8), name -> null)) {
            assertTrue(api.port() > 0);
        }
        assertFalse(quiet.toString(StandardCharsets.UTF_8).contains("WARNING"));
    }

    @Test
    void resultCacheStaysWithinItsBytesAndSkipsLargeResults() {
        long bytes = 64 * 1024;
        try (QueryService queries = new QueryService(new StoreHolder(LoadedStore.of(STORE, "demo"), null), 2,
                Duration.ofSeconds(30), bytes)) {
            // a page of thousands of user keys is far more than an eighth of 64 KB
            queries.run("3 > 4 drill 1 limit 5000");
            assertEquals(0, queries.cachedResults(), "a large page is not cached");
            for (int days = 1; days <= 60; days++) {
                queries.run("users of 3 per day last " + days + "d");
                assertTrue(queries.cachedBytes() <= bytes, "cached " + queries.cachedBytes());
            }
            assertTrue(queries.cachedResults() > 0 && queries.cachedResults() < 60,
                    "some results evicted: " + queries.cachedResults());
        }
    }
}
