package io.voronka.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A Telegram Bot API on loopback, enough for the real telegrambots client: feeds queued updates to
 * {@code getUpdates}, records {@code sendMessage} and {@code sendPhoto}, always answers JSON. Shared with the
 * server's tests through the bot's test-jar.
 */
public final class FakeBotApi implements AutoCloseable {
    /** One call the bot made. */
    public record Sent(String method, long chatId, String text, String caption, byte[] photo) {
    }

    /** Telegram's limit on a photo caption, in characters. */
    public static final int CAPTION_LIMIT = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BlockingQueue<String> updates = new LinkedBlockingQueue<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextUpdate = new AtomicInteger(1);
    private final AtomicInteger nextMessage = new AtomicInteger(1);
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger throttledCalls = new AtomicInteger();
    private volatile int retryAfter;
    private final Javalin app;

    public FakeBotApi() {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.startupWatcherEnabled = false;
            cfg.routes.get("/bot{token}/{method}", this::handle);
            cfg.routes.post("/bot{token}/{method}", this::handle);
        }).start("127.0.0.1", 0);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    /** Queues a text message from {@code chat} (and user {@code user}) for the bot to poll. */
    public void userSays(long chat, long user, String text) {
        userSays(chat, chat == user ? "private" : "group", user, text);
    }

    /** Queues a text message from user {@code user} in chat {@code chat} of a Telegram chat type (private, group). */
    public void userSays(long chat, String chatType, long user, String text) {
        int id = nextUpdate.getAndIncrement();
        try {
            updates.add(JSON.writeValueAsString(java.util.Map.of("update_id", id, "message", java.util.Map.of(
                    "message_id", id, "date", 1_615_600_000, "text", text,
                    "chat", java.util.Map.of("id", chat, "type", chatType),
                    "from", java.util.Map.of("id", user, "is_bot", false, "first_name", "Tester")))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next {@code times} send calls are refused with 429 Too Many Requests and {@code retry_after} seconds. */
    public void throttleNext(int times, int retryAfterSeconds) {
        throttled.set(times);
        retryAfter = retryAfterSeconds;
    }

    /** How many send calls were refused with 429. */
    public int throttledCalls() {
        return throttledCalls.get();
    }

    public List<Sent> sent() {
        return new ArrayList<>(sent);
    }

    /** Waits (at most 15 s) until {@code count} recorded calls match; returns them. */
    public List<Sent> await(Predicate<Sent> match, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            List<Sent> hits = sent.stream().filter(match).toList();
            if (hits.size() >= count) {
                return hits;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("expected " + count + " matching calls within 15 s, got: " + sent);
    }

    private void handle(Context ctx) throws Exception {
        String method = ctx.pathParam("method").toLowerCase(Locale.ROOT);
        if (method.startsWith("send") && throttled.getAndDecrement() > 0) {
            throttledCalls.incrementAndGet();
            error(ctx, 429, "Too Many Requests: retry after " + retryAfter, java.util.Map.of("retry_after", retryAfter));
            return;
        }
        switch (method) {
            case "getupdates" -> getUpdates(ctx);
            case "sendmessage" -> {
                JsonNode body = body(ctx);
                long chat = body.path("chat_id").asLong();
                sent.add(new Sent("sendMessage", chat, body.path("text").asText(), null, null));
                answerMessage(ctx, chat);
            }
            case "sendphoto" -> {
                long chat = Long.parseLong(ctx.formParam("chat_id"));
                String photo = ctx.formParam("photo");
                String part = photo != null && photo.startsWith("attach://") ? photo.substring(9) : "photo";
                UploadedFile file = ctx.uploadedFile(part);
                byte[] bytes;
                try (InputStream in = file.content()) {
                    bytes = in.readAllBytes();
                }
                String caption = ctx.formParam("caption");
                if (caption != null && caption.length() > CAPTION_LIMIT) {
                    error(ctx, 400, "Bad Request: message caption is too long", java.util.Map.of());
                    return;
                }
                sent.add(new Sent("sendPhoto", chat, null, caption, bytes));
                answerMessage(ctx, chat);
            }
            case "getme" -> ok(ctx, java.util.Map.of("id", 42, "is_bot", true, "first_name", "Voronka",
                    "username", "voronka_bot"));
            default -> ok(ctx, true);
        }
    }

    private static JsonNode body(Context ctx) throws IOException {
        String type = ctx.contentType();
        if (type != null && type.startsWith("application/json")) {
            return JSON.readTree(ctx.body());
        }
        java.util.Map<String, Object> form = new java.util.HashMap<>();
        ctx.formParamMap().forEach((k, v) -> form.put(k, v.isEmpty() ? null : v.get(0)));
        return JSON.valueToTree(form);
    }

    private void getUpdates(Context ctx) throws Exception {
        List<String> batch = new ArrayList<>();
        String first = updates.poll(300, TimeUnit.MILLISECONDS);
        if (first != null) {
            batch.add(first);
            updates.drainTo(batch);
        }
        ctx.contentType("application/json").result("{\"ok\":true,\"result\":[" + String.join(",", batch) + "]}");
    }

    private void answerMessage(Context ctx, long chat) throws IOException {
        ok(ctx, java.util.Map.of("message_id", nextMessage.getAndIncrement(), "date", 1_615_600_000,
                "chat", java.util.Map.of("id", chat, "type", "private")));
    }

    /** An error as Telegram sends it: HTTP status, {@code ok:false}, code, description, optional parameters. */
    private static void error(Context ctx, int code, String description, java.util.Map<String, Object> parameters)
            throws IOException {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("ok", false);
        body.put("error_code", code);
        body.put("description", description);
        if (!parameters.isEmpty()) {
            body.put("parameters", parameters);
        }
        ctx.status(code).contentType("application/json").result(JSON.writeValueAsString(body));
    }

    private static void ok(Context ctx, Object result) throws IOException {
        ctx.contentType("application/json").result(JSON.writeValueAsString(java.util.Map.of("ok", true,
                "result", result)));
    }

    @Override
    public void close() {
        app.stop();
    }
}
