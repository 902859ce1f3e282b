package io.voronka.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.voronka.bot.BotSettings;
import io.voronka.engine.config.ConfigException;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Reads the {@code bot:} section of the configuration into {@link BotSettings}, naming the key of any mistake. */
public final class BotConfig {
    private static final Set<String> KEYS = Set.of("token_env", "api_url", "allowed_chats", "daily_chats",
            "daily_at", "timezone", "state_file", "buttons", "retry_minutes", "max_attempts");

    private BotConfig() {
    }

    public static BotSettings from(JsonNode bot, String defaultZone) {
        for (Iterator<String> it = bot.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new ConfigException("bot: unknown key '" + key + "'; known: "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        Set<Long> allowed = ids(bot.path("allowed_chats"), "allowed_chats");
        Set<Long> daily = bot.has("daily_chats") ? ids(bot.path("daily_chats"), "daily_chats") : allowed;
        LocalTime at;
        try {
            at = LocalTime.parse(bot.path("daily_at").asText("09:00"));
        } catch (DateTimeException e) {
            throw new ConfigException("bot.daily_at must be a time like \"09:00\", was " + bot.get("daily_at"));
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(bot.path("timezone").asText(defaultZone));
        } catch (DateTimeException e) {
            throw new ConfigException("bot.timezone is not a time zone id: " + bot.get("timezone"));
        }
        Map<String, String> buttons = new LinkedHashMap<>();
        if (bot.has("buttons")) {
            bot.get("buttons").properties().forEach(e -> buttons.put(e.getKey(), e.getValue().asText()));
        } else {
            buttons.putAll(BotSettings.seedButtons());
        }
        try {
            return new BotSettings(bot.path("token_env").asText(null), bot.path("api_url").asText(null), allowed,
                    daily, at, zone, Path.of(bot.path("state_file").asText("voronka-bot-state.txt")), buttons,
                    Duration.ofMinutes(bot.path("retry_minutes").asLong(10)), bot.path("max_attempts").asInt(6), 50);
        } catch (IllegalArgumentException e) {
            // the bot module checks its settings with JDK exceptions; here they are configuration errors
            throw new ConfigException(e.getMessage());
        }
    }

    private static Set<Long> ids(JsonNode node, String key) {
        if (!node.isArray() || node.isEmpty()) {
            throw new ConfigException("bot." + key + " must list chat ids, e.g. [123456789]");
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (JsonNode id : node) {
            if (!id.canConvertToLong()) {
                throw new ConfigException("bot." + key + ": '" + id.asText() + "' is not a chat id");
            }
            ids.add(id.asLong());
        }
        return ids;
    }
}
