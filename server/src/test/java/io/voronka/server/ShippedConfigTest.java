package io.voronka.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.voronka.bot.BotSettings;
import io.voronka.dsl.QueryParser;
import io.voronka.engine.config.ConfigException;
import io.voronka.engine.config.VoronkaConfig;
import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.query.Query;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configurations in config/ read cleanly and every report query in them parses against the demo data (as
 * {@code voronka demo} serves it).
 */
class ShippedConfigTest {
    private static final LoadedStore DEMO = LoadedStore.of(DemoStoreSink.buildWithOtherSeeds(1, 30_000, 1), "demo");

    @Test
    void demoCrmConfigReadsAndItsReportsParse() throws Exception {
        Path file = Path.of("../config/demo-crm.yaml");
        VoronkaConfig engine = VoronkaConfig.load(file);
        assertEquals(2, engine.sources().size());
        ServerSettings settings = ServerSettings.load(file);
        assertEquals(8080, settings.port());
        assertEquals(10, settings.reports().size());
        for (ReportDefinition r : settings.reports()) {
            Query q = QueryParser.parse(r.query(), DEMO.catalog());
            assertNotNull(q, r.name());
        }
    }

    @Test
    void readmeQueryExamplesParse() throws Exception {
        String readme = java.nio.file.Files.readString(Path.of("../README.md"));
        String taste = readme.substring(readme.indexOf("A taste:"));
        taste = taste.substring(taste.indexOf("```") + 4, taste.indexOf("```", taste.indexOf("```") + 3));
        int parsed = 0;
        for (String line : taste.split("\n")) {
            String query = line.split("\\s{3,}")[0].strip();
            if (!query.isEmpty()) {
                QueryParser.parse(query, DEMO.catalog());
                parsed++;
            }
        }
        assertEquals(19, parsed);
    }

    @Test
    void builtInReportsParse() throws Exception {
        for (ReportDefinition r : DefaultReports.seed()) {
            QueryParser.parse(r.query(), DEMO.catalog());
        }
        assertEquals(List.of("conversion", "requests", "revenue"),
                DefaultReports.seed().stream().filter(ReportDefinition::daily).map(ReportDefinition::name).toList());
    }

    @Test
    void botSectionMapsToSettingsAndNamesItsMistakes() throws Exception {
        JsonNode bot = new YAMLMapper().readTree("""
                allowed_chats: [1, 2]
                daily_chats: [2]
                daily_at: "08:30"
                buttons: { "First line": first_line }
                """);
        BotSettings settings = BotConfig.from(bot, "Europe/Moscow");
        assertEquals(LocalTime.of(8, 30), settings.dailyAt());
        assertEquals(BotSettings.DEFAULT_TOKEN_ENV, settings.tokenEnv());
        ConfigException e = assertThrows(ConfigException.class, () -> BotConfig.from(
                new YAMLMapper().readTree("allowed_chats: [1]\ndaily_chats: [3]"), "UTC"));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
        ConfigException key = assertThrows(ConfigException.class, () -> BotConfig.from(
                new YAMLMapper().readTree("allowed_chats: [1]\ntoken: abc"), "UTC"));
        assertTrue(key.getMessage().contains("unknown key 'token'"), key.getMessage());
    }
}
