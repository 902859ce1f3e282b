package io.voronka.server;

import io.voronka.bot.BotBackend;
import io.voronka.bot.Chart;
import io.voronka.bot.Reply;
import io.voronka.engine.result.QueryResult;
import io.voronka.engine.store.EventTypes;

import java.util.List;

/** The bot's view of Voronka: the same query and report services as HTTP, answers as text and charts. */
public final class ChatBackend implements BotBackend {
    private final QueryService queries;
    private final ReportService reports;

    public ChatBackend(QueryService queries, ReportService reports) {
        this.queries = queries;
        this.reports = reports;
    }

    @Override
    public Reply query(String text) {
        QueryService.Answer answer;
        try {
            answer = queries.answer(text, null);
        } catch (ApiError e) {
            return Reply.error(e.readable());
        }
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
        RenderedReport r;
        try {
            r = reports.run(name);
        } catch (ApiError e) {
            return Reply.error(e.readable());
        }
        String text = r.definition().title() + "\n" + r.summary() + "\n\n" + ResultText.of(r.result());
        return new Reply(text, List.of(new Chart(name + ".png", r.png(), r.definition().title())), false);
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
