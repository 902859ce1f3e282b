package io.voronka.dsl;

import io.voronka.dsl.grammar.VoronkaQueryParser.DepthClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.PathsClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.PathsFromClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.PathsQueryContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.PathsRangeClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.PathsToClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.PathsWhereClauseContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.TopClauseContext;
import io.voronka.engine.query.DateRange;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.query.PathsQuery;
import io.voronka.engine.query.UserFilter;

import java.util.List;

/** Turns {@code paths from 3 depth 7 where did 13|10} into a {@link PathsQuery}. */
final class PathsConverter {
    private final CatalogLookup lookup;
    private final ClauseReader reader;
    private final ConditionReader conditions;
    private final SourceText source;

    PathsConverter(CatalogLookup lookup, ClauseReader reader, ConditionReader conditions) {
        this.lookup = lookup;
        this.reader = reader;
        this.conditions = conditions;
        this.source = reader.source();
    }

    PathsQuery convert(PathsQueryContext ctx) throws QueryException {
        List<EventRef> from = List.of();
        List<EventRef> to = List.of();
        int depth = PathsQuery.DEFAULT_DEPTH;
        int top = PathsQuery.DEFAULT_TOP;
        boolean collapse = false;
        DateRange range = DateRange.all();
        UserFilter users = UserFilter.NONE;
        for (PathsClauseContext clause : ctx.pathsClause()) {
            if (clause instanceof PathsFromClauseContext f) {
                reader.once("the start events", clause);
                from = lookup.events(f.events());
            } else if (clause instanceof PathsToClauseContext t) {
                reader.once("the end events", clause);
                to = lookup.events(t.events());
            } else if (clause instanceof DepthClauseContext d) {
                reader.once("the depth", clause);
                depth = bounded(d.INT().getSymbol(), "the depth", 2, PathsQuery.MAX_DEPTH);
            } else if (clause instanceof TopClauseContext t) {
                reader.once("top", clause);
                top = bounded(t.INT().getSymbol(), "top", 1, PathsQuery.MAX_TOP);
            } else if (clause instanceof PathsRangeClauseContext r) {
                reader.once("the date range", clause);
                range = reader.range(r.dateRange());
            } else if (clause instanceof PathsWhereClauseContext w) {
                reader.once("the filter", clause);
                users = conditions.users(w.conditions(), "paths");
            } else {
                reader.once("collapse repeats", clause);
                collapse = true;
            }
        }
        List<EventRef> finalFrom = from;
        List<EventRef> finalTo = to;
        int finalDepth = depth;
        int finalTop = top;
        boolean finalCollapse = collapse;
        DateRange finalRange = range;
        UserFilter finalUsers = users;
        return reader.built(ctx, () -> new PathsQuery(finalFrom, finalTo, finalDepth, finalTop, finalCollapse,
                finalRange, finalUsers));
    }

    private int bounded(org.antlr.v4.runtime.Token number, String what, int min, int max) throws QueryException {
        int value = reader.number(number, what);
        if (value < min || value > max) {
            throw source.errorAt(number, what + " must be from " + min + " to " + max + ", was " + value,
                    List.of("a number from " + min + " to " + max), "");
        }
        return value;
    }
}
