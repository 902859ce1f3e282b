package io.voronka.bot;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The morning report. On each tick past the configured local time, every daily chat that has not got today's
 * report gets it; a report that fails (the backend answers an error or throws, Telegram refuses) is announced
 * in the chat and the log and retried after a pause, up to a limit per day; nothing is skipped silently, and
 * the {@link DeliveryLog} keeps a restart from sending a day twice.
 */
final class DailyPush {
    /** Sends one reply to one chat; throws when Telegram does not take it. */
    interface Sender {
        void send(long chat, Reply reply) throws Exception;
    }

    /** Attempts of one chat on one day. */
    private static final class Attempts {
        LocalDate day;
        int failures;
        Instant next = Instant.MIN;
    }

    private final BotSettings settings;
    private final BotBackend backend;
    private final DeliveryLog log;
    private final Sender sender;
    private final Map<Long, Attempts> attempts = new HashMap<>();

    DailyPush(BotSettings settings, BotBackend backend, DeliveryLog log, Sender sender) {
        this.settings = settings;
        this.backend = backend;
        this.log = log;
        this.sender = sender;
    }

    synchronized void tick(Instant now) {
        ZonedDateTime local = now.atZone(settings.zone());
        if (local.toLocalTime().isBefore(settings.dailyAt())) {
            return;
        }
        LocalDate day = local.toLocalDate();
        for (long chat : settings.dailyChats()) {
            if (log.delivered(chat, day)) {
                continue;
            }
            Attempts a = attempts.computeIfAbsent(chat, c -> new Attempts());
            if (!day.equals(a.day)) {
                a.day = day;
                a.failures = 0;
                a.next = Instant.MIN;
            }
            if (a.failures >= settings.maxAttempts() || now.isBefore(a.next)) {
                continue;
            }
            deliver(chat, day, now, a);
        }
    }

    private void deliver(long chat, LocalDate day, Instant now, Attempts a) {
        String problem;
        try {
            backend.beforeDailyPush();
            List<Reply> replies = new ArrayList<>();
            for (String name : backend.dailyReports()) {
                Reply r = backend.report(name);
                if (r.error()) {
                    throw new IllegalStateException("report '" + name + "': " + r.text());
                }
                replies.add(r);
            }
            sender.send(chat, Reply.text("Daily report for " + day));
            for (Reply r : replies) {
                sender.send(chat, r);
            }
            log.record(chat, day);
            VoronkaBot.LOG.info("daily report for {} delivered to chat {}", day, chat);
            return;
        } catch (Exception e) {
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        a.failures++;
        a.next = now.plus(settings.retryEvery());
        boolean last = a.failures >= settings.maxAttempts();
        VoronkaBot.LOG.warn("daily report for {} to chat {} failed (attempt {} of {}): {}", day, chat, a.failures,
                settings.maxAttempts(), problem);
        String text = "The daily report for " + day + " failed: " + problem + "\n" + (last
                ? "Gave up after " + a.failures + " attempts today; the numbers are still available with /daily."
                : "Retrying in " + settings.retryEvery().toMinutes() + " min (attempt " + a.failures + " of "
                + settings.maxAttempts() + ").");
        try {
            sender.send(chat, Reply.error(text));
        } catch (Exception e) {
            VoronkaBot.LOG.warn("could not tell chat {} about the failure either: {}", chat, e.toString());
        }
    }
}
