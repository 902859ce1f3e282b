package io.voronka.bot;

import java.util.List;

/**
 * What the bot asks of Voronka; the server implements it. Methods never throw for a bad query: they answer a
 * {@link Reply} with {@code error = true} and a text that says what and where.
 */
public interface BotBackend {
    /** Any query text, e.g. {@code 3>4|13>7>pay within 14d}. */
    Reply query(String text);

    /** A named report: summary text and chart. */
    Reply report(String name);

    List<String> reportNames();

    /** Called by the morning push before it runs the daily reports: a chance to bring the data up to date. */
    default void beforeDailyPush() {
    }

    /** The reports of {@code /daily} and of the scheduled morning push. */
    List<String> dailyReports();

    /** The event dictionary (ids and names), so people learn what to type. */
    Reply events();
}
