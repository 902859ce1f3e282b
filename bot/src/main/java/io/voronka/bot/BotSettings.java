package io.voronka.bot;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How the bot runs. The token is never here: {@code tokenEnv} names the environment variable that holds it.
 *
 * @param baseUrl      the Bot API address, {@code null} for Telegram's own (tests point it at a loopback fake)
 * @param allowedChats chat ids (a person's chat id equals their user id) that may see data
 * @param dailyChats   chats that get the morning report
 * @param dailyAt      local time of the morning report in {@code zone}
 * @param stateFile    remembers which chats got which day's report, so a restart never sends it twice
 * @param buttons      keyboard button text → report name (e.g. "First line" → first_line)
 * @param retryEvery   wait before retrying a failed morning report
 * @param maxAttempts  attempts per chat per day before giving up (and saying so)
 */
public record BotSettings(String tokenEnv, String baseUrl, Set<Long> allowedChats, Set<Long> dailyChats,
                          LocalTime dailyAt, ZoneId zone, Path stateFile, Map<String, String> buttons,
                          Duration retryEvery, int maxAttempts, int pollTimeoutSeconds) {
    public static final String DEFAULT_TOKEN_ENV = "VORONKA_BOT_TOKEN";

    public BotSettings {
        tokenEnv = tokenEnv == null || tokenEnv.isBlank() ? DEFAULT_TOKEN_ENV : tokenEnv;
        allowedChats = Set.copyOf(allowedChats);
        dailyChats = Set.copyOf(dailyChats);
        buttons = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buttons));
        if (dailyAt == null) {
            throw new IllegalArgumentException("bot.daily_at is required, e.g. \"09:00\"");
        }
        if (zone == null) {
            throw new IllegalArgumentException("bot.timezone is required, e.g. Europe/Moscow");
        }
        if (stateFile == null) {
            throw new IllegalArgumentException("bot.state_file is required (where delivered days are remembered)");
        }
        if (retryEvery == null || retryEvery.isNegative() || retryEvery.isZero()) {
            throw new IllegalArgumentException("bot.retry_minutes must be > 0");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("bot.max_attempts must be >= 1, was " + maxAttempts);
        }
        if (pollTimeoutSeconds < 0 || pollTimeoutSeconds > 50) {
            throw new IllegalArgumentException("bot poll timeout must be 0..50 seconds, was " + pollTimeoutSeconds);
        }
        for (Long chat : dailyChats) {
            if (!allowedChats.contains(chat)) {
                throw new IllegalArgumentException("bot.daily_chats has chat " + chat + " that is not in allowed_chats");
            }
        }
    }

    /** The seed-001 buttons, mapped to the shipped report names. */
    public static Map<String, String> seedButtons() {
        Map<String, String> buttons = new LinkedHashMap<>();
        buttons.put("First line", "first_line");
        buttons.put("Methodologists", "methodologists");
        buttons.put("Second line", "second_line");
        return buttons;
    }
}
