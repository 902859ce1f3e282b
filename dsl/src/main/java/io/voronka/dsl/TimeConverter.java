package io.voronka.dsl;

import io.voronka.dsl.grammar.VoronkaQueryParser.HistogramClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.OutcomeClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.TimeClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.TimePerClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.TimeQueryContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.TimeRangeClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.TimeWhereClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.TimeWithinClauseContext;
import io.voronka.engine.query.Binning;
import io.voronka.engine.query.Bucket;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.FunnelQuery;
import io.voronka.engine.query.TimeInStatusQuery;
import io.voronka.engine.query.UserFilter;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
import java.util.List;

/** Turns {@code time from 1 to next by outcome pay per hour} into a {@link TimeInStatusQuery}. */
final class TimeConverter {
    private static final long HOUR = 3600;

    private final CatalogLookup lookup;
    private final ClauseReader reader;
    private final ConditionReader conditions;
    private final SourceText source;

    TimeConverter(CatalogLookup lookup, ClauseReader reader, ConditionReader conditions) {
        this.lookup = lookup;
        this.reader = reader;
        this.conditions = conditions;
        this.source = reader.source();
    }

    TimeInStatusQuery convert(TimeQueryContext ctx) throws QueryException {
        List<EventRef> status = lookup.events(ctx.status);
        List<EventRef> next = ctx.following == null ? List.of() : lookup.events(ctx.following);
        List<EventRef> outcome = List.of();
        long window = FunnelQuery.DEFAULT_WINDOW_SECONDS;
        TimeWithinClauseContext windowAt = null;
        Binning binning = new Binning.Auto();
        DateRange range = DateRange.all();
        UserFilter users = UserFilter.NONE;
        for (TimeClauseContext clause : ctx.timeClause()) {
            if (clause instanceof OutcomeClauseContext o) {
                reader.once("the outcome", clause);
                outcome = lookup.events(o.events());
            } else if (clause instanceof TimeWithinClauseContext w) {
                reader.once("the outcome window", clause);
                window = reader.positiveSeconds(w.DURATION().getSymbol(), "the outcome window");
                windowAt = w;
            } else if (clause instanceof HistogramClauseContext h) {
                reader.once("the bins", clause);
                binning = histogram(h);
            } else if (clause instanceof TimePerClauseContext per) {
                reader.once("the bins", clause);
                binning = per(per);
            } else if (clause instanceof TimeRangeClauseContext r) {
                reader.once("the date range", clause);
                range = reader.range(r.dateRange());
            } else {
                reader.once("the filter", clause);
                users = conditions.users(((TimeWhereClauseContext) clause).conditions(), "time in status");
            }
        }
        if (windowAt != null && outcome.isEmpty()) {
            throw source.errorAt(windowAt, "'within' is the outcome's window, and there is no outcome", List.of(),
                    "add: by outcome pay");
        }
        List<EventRef> finalOutcome = outcome;
        long finalWindow = window;
        Binning finalBinning = binning;
        DateRange finalRange = range;
        UserFilter finalUsers = users;
        return reader.built(ctx, () -> new TimeInStatusQuery(status, next, finalOutcome, finalWindow, finalBinning,
                finalRange, finalUsers));
    }

    private Binning histogram(HistogramClauseContext h) throws QueryException {
        if (h.INT() != null) {
            int bins = reader.positiveNumber(h.INT().getSymbol(), "the number of bins");
            if (bins > 200) {
                throw source.errorAt(h.INT().getSymbol(), "at most 200 bins, was " + bins,
                        List.of("a number from 1 to 200"), "");
            }
            return new Binning.Count(bins);
        }
        List<TerminalNode> durations = h.DURATION();
        if (durations.size() == 1) {
            return new Binning.Width(reader.positiveSeconds(durations.get(0).getSymbol(), "a bin width"));
        }
        List<Long> edges = new ArrayList<>();
        for (TerminalNode d : durations) {
            long seconds = reader.positiveSeconds(d.getSymbol(), "a bin edge");
            if (!edges.isEmpty() && seconds <= edges.get(edges.size() - 1)) {
                throw source.errorAt(d.getSymbol(), "bin edges must grow", List.of("a duration longer than the one "
                        + "before"), "write them from short to long: histogram 1h, 3h, 1d");
            }
            edges.add(seconds);
        }
        return new Binning.Edges(edges);
    }

    private Binning per(TimePerClauseContext per) throws QueryException {
        Bucket bucket = ClauseReader.bucket(per.bucket());
        return switch (bucket) {
            case HOUR -> new Binning.Width(HOUR);
            case DAY -> new Binning.Width(24 * HOUR);
            case WEEK -> new Binning.Width(7 * 24 * HOUR);
            default -> throw source.errorAt(per.bucket(), "bins of time are an hour, a day or a week",
                    List.of("hour, day or week"), "or give a width: histogram 30m");
        };
    }
}
