package io.voronka.server;

import io.voronka.engine.config.ConfigDocument;
import io.voronka.engine.config.ConfigSection;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;

/**
 * How the served data stays durable and fresh: the sections {@code storage}, {@code refresh}, {@code reload} and
 * {@code today} of the configuration file.
 *
 * <pre>
 * storage: { path: ./voronka-data }   # snapshots (relative to the configuration file); none = memory only
 * refresh: { every: 5m }              # read rows past each source's watermark this often while serving
 * reload:  { at: "03:00" }            # a full reload every night at this local time (the configured timezone)
 * today: clock                        # 'last 7d' ends today (clock) or on the last day in the data (data)
 * </pre>
 *
 * @param storage      null when no snapshots are kept
 * @param refreshEvery null when refreshes run only when asked for
 * @param reloadAt     null when there is no nightly reload
 */
public record FreshnessSettings(Path storage, Duration refreshEvery, LocalTime reloadAt, Today today) {
    /** The top-level sections read here ({@code reload} is shared with {@link ServerSettings}). */
    public static final List<String> SECTIONS = List.of("storage", "refresh", "reload", "today");

    /** The day relative ranges end on. */
    public enum Today {
        /** The current date in the configured time zone (data read from a database). */
        CLOCK,
        /** The last day present in the data (generated data and files). */
        DATA
    }

    public static final FreshnessSettings NONE = new FreshnessSettings(null, null, null, Today.DATA);

    /** @param live whether the data comes from a database (then {@code today} defaults to the clock) */
    public static FreshnessSettings from(ConfigDocument document, boolean live) {
        ConfigSection top = document.top();
        Path storage = null;
        ConfigSection s = top.section("storage");
        if (s != null) {
            s.allow("path");
            storage = document.baseDir().resolve(s.string("path", true)).normalize();
        }
        Duration every = null;
        ConfigSection r = top.section("refresh");
        if (r != null) {
            r.allow("every");
            every = r.duration("every");
            if (every != null && every.getSeconds() < 1) {
                throw r.error("every", "must be at least 1s");
            }
        }
        LocalTime at = null;
        ConfigSection n = top.section("reload");
        if (n != null) {
            n.allow("at", "max_shrink"); // max_shrink: the reload guard's, read by ServerSettings
            String text = n.string("at", false);
            if (text != null) {
                try {
                    at = LocalTime.parse(text.length() == 4 ? "0" + text : text);
                } catch (DateTimeException e) {
                    throw n.error("at", "must be a time of day such as \"03:00\", was '" + text + "'");
                }
            }
        }
        Today today = live ? Today.CLOCK : Today.DATA;
        String given = top.string("today", false);
        if (given != null) {
            try {
                today = Today.valueOf(given.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw top.error("today", "must be 'clock' or 'data', was '" + given + "'");
            }
        }
        return new FreshnessSettings(storage, every, at, today);
    }
}
