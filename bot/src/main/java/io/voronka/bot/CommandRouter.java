package io.voronka.bot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chat text to replies: {@code /funnel}, {@code /q}, {@code /report}, {@code /daily}, {@code /events},
 * {@code /help}, {@code /start}, the report buttons, and plain text as a query. No Telegram types here.
 */
final class CommandRouter {
    static final String HELP = """
            Voronka answers funnel and metric questions about the CRM.

            /funnel 3>4|13>7>pay  — request → first-line call or WhatsApp → intro lesson → payment
            /funnel 3>4|13>7 within 14d last 7d trend day
            /q users of 3 per day last 7d change  — requests per day (DAU)
            /q sum of pay per day last 7d change  — revenue per day
            /q retention of 3 return pay per month 6
            /report NAME  — a named report with its chart
            /daily  — all daily reports
            /events  — event ids and names to use in queries
            Plain text is run as a query too. Full language: docs/query-language.md""";

    private final BotBackend backend;
    private final Map<String, String> buttons;

    CommandRouter(BotBackend backend, Map<String, String> buttons) {
        this.backend = backend;
        this.buttons = buttons;
    }

    List<Reply> route(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return List.of(Reply.text(HELP));
        }
        String report = buttons.get(trimmed);
        if (report != null) {
            return List.of(safely(() -> backend.report(report)));
        }
        if (backend.reportNames().contains(trimmed)) {
            return List.of(safely(() -> backend.report(trimmed)));
        }
        if (!trimmed.startsWith("/")) {
            return List.of(safely(() -> backend.query(trimmed)));
        }
        int space = trimmed.indexOf(' ');
        String command = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        int at = command.indexOf('@');
        if (at > 0) {
            command = command.substring(0, at);
        }
        String argument = space < 0 ? "" : trimmed.substring(space + 1).strip();
        switch (command) {
            case "/start", "/help":
                return List.of(Reply.text(HELP));
            case "/funnel", "/q", "/query":
                if (argument.isEmpty()) {
                    return List.of(Reply.error(command + " needs a query, e.g. " + command + " 3>4|13>7>pay"));
                }
                return List.of(safely(() -> backend.query(argument)));
            case "/report":
                if (argument.isEmpty()) {
                    return List.of(Reply.text("reports: " + String.join(", ", backend.reportNames())
                            + "\nsend /report NAME"));
                }
                return List.of(safely(() -> backend.report(argument)));
            case "/daily":
                List<Reply> replies = new ArrayList<>();
                for (String name : backend.dailyReports()) {
                    replies.add(safely(() -> backend.report(name)));
                }
                return replies.isEmpty() ? List.of(Reply.text("no daily reports are configured")) : replies;
            case "/events":
                return List.of(safely(backend::events));
            default:
                return List.of(Reply.error("unknown command " + command + "\n\n" + HELP));
        }
    }

    /** A backend failure becomes a polite error reply; the caller logs it. */
    private static Reply safely(java.util.function.Supplier<Reply> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            VoronkaBot.LOG.warn("the backend failed: {}", e.toString());
            return Reply.error("Sorry, that failed on our side (" + e.getClass().getSimpleName()
                    + "). Please try again later.");
        }
    }
}
