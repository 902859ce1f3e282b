package io.voronka.server;

import io.voronka.bot.BotSettings;
import io.voronka.bot.FakeBotApi;
import io.voronka.bot.MutableClock;
import io.voronka.bot.VoronkaBot;
import io.voronka.engine.demo.DemoStoreSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole chat path: telegrambots client ↔ fake Bot API, bot ↔ server services ↔ engine on demo data. */
class ChatBotTest {
    private static final long HEAD_OF_SALES = 4242;
    private FakeBotApi api;
    private QueryService queries;
    private VoronkaBot bot;
    private MutableClock clock;
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        api = new FakeBotApi();
        queries = new QueryService(new StoreHolder(LoadedStore.of(DemoStoreSink.build(3, 120_000, 2), "demo"), null),
                2, Duration.ofSeconds(30));
        ReportService reports = new ReportService(queries, DefaultReports.seed());
        clock = new MutableClock(Instant.parse("2021-03-13T05:00:00Z"));
        BotSettings settings = new BotSettings(null, api.baseUrl(), Set.of(HEAD_OF_SALES), Set.of(HEAD_OF_SALES),
                LocalTime.of(9, 0), ZoneId.of("Europe/Moscow"), dir.resolve("state.txt"), BotSettings.seedButtons(),
                Duration.ofMinutes(5), 3, 1);
        bot = new VoronkaBot(settings, new ChatBackend(queries, reports), clock, Duration.ofMillis(50));
        bot.start("42:SERVER");
    }

    @AfterEach
    void stop() {
        bot.close();
        queries.close();
        api.close();
    }

    @Test
    void funnelCommandGetsATableAndARealChart() throws Exception {
        api.userSays(HEAD_OF_SALES, HEAD_OF_SALES, "/funnel 3>4|13>7>pay");
        FakeBotApi.Sent table = api.await(s -> s.method().equals("sendMessage"), 1).get(0);
        assertTrue(table.text().contains("Создание заявки") && table.text().contains("from prev"), table.text());
        FakeBotApi.Sent chart = api.await(s -> s.method().equals("sendPhoto"), 1).get(0);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.photo()));
        assertNotNull(image);
        assertEquals(900, image.getWidth());
    }

    @Test
    void badQueryIsAnsweredWithTheCaretAndHint() throws Exception {
        api.userSays(HEAD_OF_SALES, HEAD_OF_SALES, "/q 3 > \"request_creatd\"");
        FakeBotApi.Sent reply = api.await(s -> s.method().equals("sendMessage"), 1).get(0);
        assertTrue(reply.text().contains("^") && reply.text().contains("request_created"), reply.text());
    }

    @Test
    void morningReportBringsTheDailyChartsWithTodayHighlighted() throws Exception {
        clock.set(Instant.parse("2021-03-13T06:01:00Z"));
        int daily = DefaultReports.seed().stream().filter(ReportDefinition::daily).toList().size();
        var photos = api.await(s -> s.method().equals("sendPhoto"), daily);
        FakeBotApi.Sent revenue = photos.stream().filter(p -> p.caption().startsWith("Daily revenue")).findFirst()
                .orElseThrow();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(revenue.photo()));
        assertTrue(HttpApiTest.colourShare(image, ChartRenderer.HIGHLIGHT.getRGB(), 600, 900) > 0.01);
    }
}
