package io.voronka.bot;

import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.KeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Telegram bot: long polling for commands from allowed chats, and the scheduled morning report. It owns its
 * threads and HTTP client and stops them all on {@link #close()}. The token comes from the environment
 * variable the settings name; it is never logged.
 */
public final class VoronkaBot implements AutoCloseable {
    static final Logger LOG = LoggerFactory.getLogger(VoronkaBot.class);
    static final String REFUSAL = "Sorry, this bot serves only its team's chats. Ask the administrator to add "
            + "chat id %d to bot.allowed_chats.";
    /** Telegram's limit on a photo caption; longer text follows the photo as a message. */
    static final int CAPTION_LIMIT = 1024;
    /** Sends refused with 429 Too Many Requests are retried this many times, waiting what Telegram asks. */
    static final int MAX_RETRIES = 3;
    /** A retry_after beyond this is not waited for (the reply is dropped and logged). */
    static final int MAX_RETRY_AFTER_SECONDS = 60;

    private final BotSettings settings;
    private final BotBackend backend;
    private final Clock clock;
    private final Duration tickEvery;
    private final CommandRouter router;
    private final DailyPush push;
    private final ScheduledExecutorService scheduler;
    private final OkHttpClient http;
    private TelegramBotsLongPollingApplication polling;
    private TelegramClient client;

    /**
     * @param clock     the time the morning report follows (tests move it)
     * @param tickEvery how often the morning report checks the clock
     */
    public VoronkaBot(BotSettings settings, BotBackend backend, Clock clock, Duration tickEvery) {
        this.settings = settings;
        this.backend = backend;
        this.clock = clock;
        this.tickEvery = tickEvery;
        this.router = new CommandRouter(backend, settings.buttons());
        this.push = new DailyPush(settings, backend, new DeliveryLog(settings.stateFile()), this::send);
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "voronka-bot");
            t.setDaemon(true);
            return t;
        });
        this.http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(settings.pollTimeoutSeconds() + 30))
                .build();
    }

    /** The token from the environment variable named in the settings, or an error naming that variable. */
    public static String tokenFromEnvironment(BotSettings settings) {
        String token = System.getenv(settings.tokenEnv());
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("the bot token is not set: put it into the environment variable "
                    + settings.tokenEnv());
        }
        return token.strip();
    }

    public void start(String token) throws TelegramApiException {
        TelegramUrl url = telegramUrl(settings.baseUrl());
        client = new OkHttpTelegramClient(http, token, url);
        polling = new TelegramBotsLongPollingApplication(com.fasterxml.jackson.databind.ObjectMapper::new, () -> http,
                () -> scheduler);
        LongPollingUpdateConsumer consumer = this::consume;
        polling.registerBot(token, () -> url, last -> GetUpdates.builder().offset(last + 1)
                .timeout(settings.pollTimeoutSeconds()).build(), consumer);
        long millis = tickEvery.toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
        LOG.info("bot started: {} allowed chats, daily report at {} {} to {} chats", settings.allowedChats().size(),
                settings.dailyAt(), settings.zone(), settings.dailyChats().size());
    }

    private static TelegramUrl telegramUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return TelegramUrl.DEFAULT_URL;
        }
        URI uri = URI.create(baseUrl);
        int port = uri.getPort() > 0 ? uri.getPort() : (uri.getScheme().equals("https") ? 443 : 80);
        return new TelegramUrl(uri.getScheme(), uri.getHost(), port, false);
    }

    private void tick() {
        try {
            push.tick(clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("the daily report check failed: {}", e.toString());
        }
    }

    private void consume(List<Update> updates) {
        for (Update update : updates) {
            if (!update.hasMessage() || !update.getMessage().hasText()) {
                continue;
            }
            Message message = update.getMessage();
            long chat = message.getChatId();
            long user = message.getFrom() == null ? chat : message.getFrom().getId();
            try {
                if (!allowed(chat)) {
                    LOG.warn("refused a message from chat {} (user {}): not in bot.allowed_chats", chat, user);
                    send(chat, Reply.error(String.format(REFUSAL, chat)));
                    continue;
                }
                String text = message.getText();
                boolean greeting = text.startsWith("/start") || text.startsWith("/help");
                for (Reply reply : router.route(text)) {
                    send(chat, reply, greeting);
                }
            } catch (Exception e) {
                LOG.warn("could not answer chat {}: {}", chat, e.toString());
            }
        }
    }

    /**
     * Allow-lists are per chat: everyone in the chat sees the answer, so a group must itself be listed; a person's
     * private chat has their user id as its chat id, so listing a person allows their private chat only.
     */
    private boolean allowed(long chat) {
        return settings.allowedChats().contains(chat);
    }

    private void send(long chat, Reply reply) throws TelegramApiException {
        send(chat, reply, false);
    }

    private void send(long chat, Reply reply, boolean withKeyboard) throws TelegramApiException {
        List<String> parts = TelegramText.monospace(reply.text());
        for (int i = 0; i < parts.size(); i++) {
            SendMessage.SendMessageBuilder<?, ?> m = SendMessage.builder().chatId(chat).text(parts.get(i))
                    .parseMode("HTML");
            if (withKeyboard && i == parts.size() - 1) {
                m.replyMarkup(keyboard());
            }
            SendMessage built = m.build();
            withRetries(() -> client.execute(built));
        }
        for (Chart chart : reply.charts()) {
            String caption = chart.caption();
            boolean fits = caption == null || caption.length() <= CAPTION_LIMIT;
            SendPhoto photo = SendPhoto.builder().chatId(chat)
                    .photo(new InputFile(new ByteArrayInputStream(chart.png()), chart.fileName()))
                    .caption(fits ? caption : shortCaption(caption)).build();
            withRetries(() -> client.execute(photo));
            if (!fits) {
                send(chat, Reply.text(caption));
            }
        }
    }

    /** The first line of a long caption, cut to fit with an ellipsis; the whole text follows as a message. */
    static String shortCaption(String caption) {
        int newline = caption.indexOf('\n');
        String first = newline < 0 ? caption : caption.substring(0, newline);
        return first.length() < CAPTION_LIMIT ? first : first.substring(0, CAPTION_LIMIT - 1) + "…";
    }

    /** One Telegram call that throws. */
    @FunctionalInterface
    private interface Call {
        void run() throws TelegramApiException;
    }

    /** Runs a send, honouring Telegram's 429 {@code retry_after} up to {@link #MAX_RETRIES} times. */
    private static void withRetries(Call call) throws TelegramApiException {
        for (int attempt = 0; ; attempt++) {
            try {
                call.run();
                return;
            } catch (TelegramApiRequestException e) {
                int wait = retryAfterSeconds(e);
                if (wait < 0 || attempt >= MAX_RETRIES || wait > MAX_RETRY_AFTER_SECONDS) {
                    throw e;
                }
                LOG.info("Telegram asked to slow down: retrying in {} s (attempt {} of {})", wait, attempt + 1,
                        MAX_RETRIES);
                sleepSeconds(wait);
            }
        }
    }

    /** Seconds Telegram asks to wait for a 429, or -1 when the error is not a 429. */
    private static int retryAfterSeconds(TelegramApiRequestException e) {
        if (e.getErrorCode() == null || e.getErrorCode() != 429) {
            return -1;
        }
        Integer after = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
        return after == null ? 1 : Math.max(0, after);
    }

    private static void sleepSeconds(int seconds) throws TelegramApiException {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramApiException("interrupted while waiting to resend", e);
        }
    }

    private ReplyKeyboardMarkup keyboard() {
        List<KeyboardRow> rows = new ArrayList<>();
        KeyboardRow first = new KeyboardRow();
        for (String button : settings.buttons().keySet()) {
            first.add(new KeyboardButton(button));
        }
        if (!first.isEmpty()) {
            rows.add(first);
        }
        KeyboardRow row = new KeyboardRow();
        for (String name : backend.reportNames()) {
            if (settings.buttons().containsValue(name)) {
                continue;
            }
            row.add(new KeyboardButton(name));
            if (row.size() == 3) {
                rows.add(row);
                row = new KeyboardRow();
            }
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return ReplyKeyboardMarkup.builder().keyboard(rows).resizeKeyboard(true).build();
    }

    @Override
    public void close() {
        try {
            if (polling != null) {
                polling.close();
            }
        } catch (Exception e) {
            LOG.warn("stopping long polling: {}", e.toString());
        }
        scheduler.shutdownNow();
        http.dispatcher().executorService().shutdownNow();
        http.connectionPool().evictAll();
    }
}
