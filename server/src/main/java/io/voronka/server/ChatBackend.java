package io.voronka.server;

import io.voronka.bot.BotBackend;
import io.voronka.bot.Chart;
import io.voronka.bot.Reply;
import io.voronka.engine.error.VoronkaException;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.store.EventTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The bot's view of Voronka: the same query and report services as HTTP, answers as text and charts. Failures
 * become readable replies by their kind ({@link #replyText}); an unexpected one replies with an incident id only.
 */
public final class ChatBackend implements BotBackend {
    private static final Logger LOG = LoggerFactory.getLogger(ChatBackend.class);

    private final QueryService queries;
    private final ReportService reports;

    private final Duration refreshWhenOlder;

    public ChatBackend(QueryService queries, ReportService reports) {
        this(queries, reports, null);
    }

    /** @param refreshWhenOlder the morning push refreshes first when the data was read longer ago; null: never */
    public ChatBackend(QueryService queries, ReportService reports, Duration refreshWhenOlder) {
        this.queries = queries;
        this.reports = reports;
        this.refreshWhenOlder = refreshWhenOlder;
    }

    @Override
    public void beforeDailyPush() {
        StoreHolder stores = queries.stores();
        if (refreshWhenOlder == null || !stores.canRefresh() || stores.busy()
                || stores.current().readAt().plus(refreshWhenOlder).isAfter(Instant.now())) {
            return;
        }
        try {
            stores.refresh();
        } catch (VoronkaException e) {
            LOG.warn("the morning push sends the data as it is: {}", e.getMessage());
        }
    }

    @Override
    public Reply query(String text) {
        return answering("the chat query '" + text + "'", () -> answer(text));
    }

    private Reply answer(String text) {
        QueryService.Answer answer = queries.answer(text);
        QueryResult result = answer.result();
        List<Chart> charts = ChartRenderer.hasChart(result)
                ? List.of(new Chart("answer.png", ChartRenderer.png(text, result, "bar"), text)) : List.of();
        StringBuilder reply = new StringBuilder(ResultText.of(result));
        for (String warning : answer.warnings()) {
            reply.append("\nwarning: ").append(warning);
        }
        return new Reply(reply.toString(), charts, false);
    }

    @Override
    public Reply report(String name) {
        return answering("the chat report '" + name + "'", () -> reportReply(name));
    }

    private Reply reportReply(String name) {
        RenderedReport r = reports.run(name);
        String text = r.definition().title() + "\n" + r.summary() + "\n\n" + ResultText.of(r.result());
        return new Reply(text, List.of(new Chart(name + ".png", r.png(), r.definition().title())), false);
    }

    /** Runs {@code work}; a failure becomes an error reply. */
    private static Reply answering(String during, Supplier<Reply> work) {
        try {
            return work.get();
        } catch (VoronkaException e) {
            return Reply.error(replyText(e, during));
        } catch (RuntimeException e) {
            return Reply.error(Incident.message(Incident.log(LOG, during, e)));
        }
    }

    /** What the chat is told about an error of each kind (query errors keep their caret line). */
    static String replyText(VoronkaException e, String during) {
        return switch (e.kind()) {
            case USER, NOT_FOUND, CONFLICT, TIMEOUT, TOO_LARGE -> e.getMessage();
            case UNAVAILABLE -> "the data cannot be read right now: " + e.getMessage();
            case REFUSED -> "new data was refused, the previous data keeps serving: " + e.getMessage();
            case CONFIGURATION -> "the server's configuration needs fixing: " + e.getMessage();
            case INTERNAL -> Incident.message(Incident.log(LOG, during, e));
        };
    }

    @Override
    public List<String> reportNames() {
        return reports.definitions().stream().map(ReportDefinition::name).toList();
    }

    @Override
    public List<String> dailyReports() {
        return reports.dailyNames();
    }

    @Override
    public Reply events() {
        EventTypes types = queries.stores().current().store().types();
        TextTable table = new TextTable(List.of("id", "name", "aliases"));
        for (int code = 0; code < types.size(); code++) {
            long id = types.externalId(code);
            table.row(List.of(id == EventTypes.NO_ID ? "" : Long.toString(id), types.name(code),
                    String.join(", ", types.aliases(code))));
        }
        return Reply.text("events (use the id, a name in quotes or an alias)\n" + table);
    }
}
