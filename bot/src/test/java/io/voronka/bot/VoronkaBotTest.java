package io.voronka.bot;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real telegrambots client against a fake Bot API on loopback. */
class VoronkaBotTest {
    private static final long TEAM = 1001;
    private static final long STRANGER = 666;
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    /** 2021-03-13 08:00 in Moscow. */
    private static final Instant BEFORE_NINE = Instant.parse("2021-03-13T05:00:00Z");

    private FakeBotApi api;
    private VoronkaBot bot;
    private MutableClock clock;
    private TestBackend backend;
    @TempDir
    Path dir;

    /** Answers like the server would, with real PNG bytes. */
    static final class TestBackend implements BotBackend {
        final List<String> queries = new CopyOnWriteArrayList<>();
        final List<String> reports = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresLeft = new AtomicInteger();
        String bigAnswer;
        String caption = "3 > 4|13 > 7 > pay";

        @Override
        public Reply query(String text) {
            queries.add(text);
            if (text.contains("withn")) {
                return Reply.error("1:7: unexpected 'withn'\n    3 > 4 withn 14d\n          ^^^^^\ndid you mean 'within'?");
            }
            if (bigAnswer != null) {
                return Reply.text(bigAnswer);
            }
            return new Reply("#  step   users\n1  3 > x  1,200 <100%>\n2  pay      300 & more", List.of(
                    new Chart("funnel.png", png(), caption)), false);
        }

        @Override
        public Reply report(String name) {
            reports.add(name);
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("database is down");
            }
            return new Reply(name + ": 2021-03-13: 123 (+5.0% vs 2021-03-12)",
                    List.of(new Chart(name + ".png", png(), name)), false);
        }

        @Override
        public List<String> reportNames() {
            return List.of("conversion", "revenue", "first_line", "methodologists", "second_line");
        }

        @Override
        public List<String> dailyReports() {
            return List.of("conversion", "revenue");
        }

        @Override
        public Reply events() {
            return Reply.text("3  Создание заявки  request_created");
        }
    }

    static byte[] png() {
        BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        image.setRGB(10, 10, 0x1f6feb);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private BotSettings settings(Path state) {
        return new BotSettings("UNUSED", api.baseUrl(), Set.of(TEAM), Set.of(TEAM), LocalTime.of(9, 0), MOSCOW,
                state, BotSettings.seedButtons(), Duration.ofMinutes(10), 3, 1);
    }

    private VoronkaBot startBot(Path state) throws Exception {
        VoronkaBot b = new VoronkaBot(settings(state), backend, clock, Duration.ofMillis(50));
        b.start("123:TEST");
        return b;
    }

    @BeforeEach
    void start() throws Exception {
        api = new FakeBotApi();
        clock = new MutableClock(BEFORE_NINE);
        backend = new TestBackend();
        bot = startBot(dir.resolve("state.txt"));
    }

    @AfterEach
    void stop() {
        bot.close();
        api.close();
    }

    @Test
    void funnelCommandAnswersAnEscapedTableAndAChart() throws Exception {
        api.userSays(TEAM, TEAM, "/funnel 3>4|13>7>pay");
        FakeBotApi.Sent text = api.await(s -> s.method().equals("sendMessage") && s.chatId() == TEAM, 1).get(0);
        assertTrue(text.text().startsWith("<pre>") && text.text().endsWith("</pre>"), text.text());
        assertTrue(text.text().contains("1,200 &lt;100%&gt;") && text.text().contains("&amp; more"), text.text());
        FakeBotApi.Sent photo = api.await(s -> s.method().equals("sendPhoto"), 1).get(0);
        assertEquals("3 > 4|13 > 7 > pay", photo.caption());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(photo.photo()));
        assertNotNull(image, "the photo is a PNG");
        assertEquals(120, image.getWidth());
        assertEquals(List.of("3>4|13>7>pay"), backend.queries);
    }

    @Test
    void strangersAreRefusedPolitelyAndGetNoData() throws Exception {
        api.userSays(STRANGER, STRANGER, "/funnel 3>4");
        FakeBotApi.Sent refusal = api.await(s -> s.chatId() == STRANGER, 1).get(0);
        assertTrue(refusal.text().contains("serves only its team") && refusal.text().contains("666"), refusal.text());
        assertTrue(backend.queries.isEmpty(), "the backend was not asked");
    }

    @Test
    void allowedPersonInAGroupThatIsNotAllowedGetsNoData() throws Exception {
        long group = -100_777;
        api.userSays(group, "group", TEAM, "/funnel 3>4");
        FakeBotApi.Sent refusal = api.await(s -> s.chatId() == group, 1).get(0);
        assertTrue(refusal.text().contains("serves only its team") && refusal.text().contains("-100777"),
                refusal.text());
        Thread.sleep(200);
        assertTrue(backend.queries.isEmpty(), "the backend was not asked for the group");
        assertTrue(api.sent().stream().noneMatch(s -> s.method().equals("sendPhoto")), "no chart went to the group");
    }

    @Test
    void throttledSendsAreResentAfterTheRetryAfterTelegramAsksFor() throws Exception {
        api.throttleNext(2, 1);
        api.userSays(TEAM, TEAM, "/funnel 3>4|13>7>pay");
        api.await(s -> s.method().equals("sendMessage") && s.chatId() == TEAM, 1);
        api.await(s -> s.method().equals("sendPhoto") && s.chatId() == TEAM, 1);
        assertEquals(2, api.throttledCalls(), "both refusals were retried, nothing was dropped");
    }

    @Test
    void captionTooLongForTelegramSendsTheChartAndTheTextAfterIt() throws Exception {
        String longCaption = "sum of pay per day by utm_source\n" + "x".repeat(1500);
        backend.caption = longCaption;
        api.userSays(TEAM, TEAM, "/q sum of pay per day");
        FakeBotApi.Sent photo = api.await(s -> s.method().equals("sendPhoto"), 1).get(0);
        assertEquals("sum of pay per day by utm_source", photo.caption());
        api.await(s -> s.method().equals("sendMessage") && s.text().contains("x".repeat(1000)), 1);
    }

    @Test
    void badQueryGetsTheErrorWithItsCaretLine() throws Exception {
        api.userSays(TEAM, TEAM, "/q 3 > 4 withn 14d");
        FakeBotApi.Sent reply = api.await(s -> s.chatId() == TEAM, 1).get(0);
        assertTrue(reply.text().contains("^^^^^") && reply.text().contains("did you mean 'within'?"), reply.text());
        assertTrue(reply.text().startsWith("<pre>"), "monospace so the caret lines up");
    }

    @Test
    void longAnswersAreSplitIntoValidMessages() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            big.append(String.format("%04d  Создание заявки <x>  %,d%n", i, i * 1000));
        }
        backend.bigAnswer = big.toString();
        api.userSays(TEAM, TEAM, "/q users per day");
        List<FakeBotApi.Sent> parts = api.await(s -> s.chatId() == TEAM && s.method().equals("sendMessage"), 3);
        Thread.sleep(200);
        parts = api.sent().stream().filter(s -> s.method().equals("sendMessage")).toList();
        int lines = 0;
        for (FakeBotApi.Sent part : parts) {
            assertTrue(part.text().length() <= TelegramText.LIMIT, "part of " + part.text().length());
            assertTrue(part.text().startsWith("<pre>") && part.text().endsWith("</pre>"));
            lines += part.text().split("\n").length;
        }
        assertEquals(400, lines, "every line arrives once");
    }

    @Test
    void buttonsAndDailyRunTheirReports() throws Exception {
        api.userSays(TEAM, TEAM, "First line");
        api.await(s -> s.method().equals("sendPhoto") && "first_line".equals(s.caption()), 1);
        api.userSays(TEAM, TEAM, "/daily");
        api.await(s -> s.method().equals("sendPhoto"), 3);
        assertEquals(List.of("first_line", "conversion", "revenue"), backend.reports);
        api.userSays(TEAM, TEAM, "/help");
        FakeBotApi.Sent help = api.await(s -> s.method().equals("sendMessage") && s.text().contains("/funnel"), 1)
                .get(0);
        assertTrue(help.text().contains("/events"));
    }

    @Test
    void morningReportArrivesOnceRetriesFailuresAndSurvivesARestart() throws Exception {
        backend.failuresLeft.set(1);
        Thread.sleep(200);
        assertTrue(api.sent().isEmpty(), "nothing before 09:00");
        clock.set(Instant.parse("2021-03-13T06:00:30Z"));
        FakeBotApi.Sent failure = api.await(s -> s.text() != null && s.text().contains("failed"), 1).get(0);
        assertTrue(failure.text().contains("database is down") && failure.text().contains("Retrying in 10 min"),
                failure.text());
        clock.advance(Duration.ofMinutes(11));
        api.await(s -> s.method().equals("sendPhoto"), 2);
        api.await(s -> s.text() != null && s.text().contains("Daily report for 2021-03-13"), 1);
        Path state = dir.resolve("state.txt");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!(java.nio.file.Files.exists(state) && java.nio.file.Files.readString(state).contains("1001 2021-03-13"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(java.nio.file.Files.readString(state).contains("1001 2021-03-13"), "delivery recorded");
        bot.close();
        bot = startBot(dir.resolve("state.txt"));
        clock.advance(Duration.ofMinutes(30));
        Thread.sleep(300);
        long photos = api.sent().stream().filter(s -> s.method().equals("sendPhoto")).count();
        assertEquals(2, photos, "a restarted bot does not send the same day again");
        assertFalse(backend.reports.size() > 3, "reports run: " + backend.reports);
    }
}
