package io.voronka.dsl;

import io.voronka.dsl.grammar.VoronkaQueryLexer;
import io.voronka.dsl.grammar.VoronkaQueryParser;
import io.voronka.dsl.grammar.VoronkaQueryParser.QueryContext;
import io.voronka.engine.query.Query;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses the query language (docs/query-language.md) into the engine's query records. Stops at the first error,
 * which comes as a {@link QueryException} with a 1-based line and column; no ANTLR type leaves this module.
 */
public final class QueryParser {
    /** Longer texts are refused before lexing: queries are typed by people, and a chat message is short. */
    public static final int MAX_QUERY_LENGTH = 4096;

    private QueryParser() {
    }

    public static Query parse(String text, Catalog catalog) throws QueryException {
        return parseWithWarnings(text, catalog).query();
    }

    /** The query and what the parser noticed without refusing it (filters on values no event has). */
    public static ParsedQuery parseWithWarnings(String text, Catalog catalog) throws QueryException {
        Objects.requireNonNull(text, "query text");
        Objects.requireNonNull(catalog, "catalog");
        SourceText source = new SourceText(text);
        if (text.length() > MAX_QUERY_LENGTH) {
            int[] at = source.lineAndColumnOf(MAX_QUERY_LENGTH);
            throw source.error(at[0], at[1], "", "the query is " + text.length()
                    + " characters long, more than the limit of " + MAX_QUERY_LENGTH, List.of(),
                    "shorten it: ids and aliases are shorter than quoted names");
        }
        QueryContext tree = syntaxTree(text, source);
        CatalogLookup lookup = new CatalogLookup(catalog, source);
        ClauseReader reader = new ClauseReader(source);
        List<String> warnings = new ArrayList<>();
        ConditionReader conditions = new ConditionReader(lookup, reader, catalog, warnings);
        Query query = convert(tree, lookup, reader, conditions);
        return new ParsedQuery(query, warnings);
    }

    private static Query convert(QueryContext tree, CatalogLookup lookup, ClauseReader reader,
                                 ConditionReader conditions) throws QueryException {
        boolean cumulative = tree.CUMULATIVE() != null;
        if (tree.funnelQuery() != null) {
            return new FunnelConverter(lookup, reader, conditions).convert(tree.funnelQuery());
        }
        if (tree.acquisitionQuery() != null) {
            return new AcquisitionConverter(lookup, reader, conditions).convert(tree.acquisitionQuery());
        }
        if (tree.pathsQuery() != null) {
            return new PathsConverter(lookup, reader, conditions).convert(tree.pathsQuery());
        }
        if (tree.timeQuery() != null) {
            return new TimeConverter(lookup, reader, conditions).convert(tree.timeQuery());
        }
        if (tree.rateQuery() != null) {
            return new StatConverter(lookup, reader, conditions).rate(tree.rateQuery());
        }
        if (tree.valueQuery() != null) {
            return new StatConverter(lookup, reader, conditions).value(tree.valueQuery());
        }
        if (tree.sessionQuery() != null) {
            return new SessionConverter(lookup, reader, conditions).session(tree.sessionQuery());
        }
        if (tree.activityQuery() != null) {
            return new SessionConverter(lookup, reader, conditions).activity(tree.activityQuery());
        }
        if (tree.metricQuery() != null) {
            return new MetricConverter(lookup, reader, conditions).convert(tree.metricQuery(), cumulative, tree);
        }
        return new RetentionConverter(lookup, reader, conditions).convert(tree.retentionQuery(), cumulative, tree);
    }

    private static QueryContext syntaxTree(String text, SourceText source) throws QueryException {
        ThrowingErrorListener listener = new ThrowingErrorListener(source);
        VoronkaQueryLexer lexer = new VoronkaQueryLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        VoronkaQueryParser parser = new VoronkaQueryParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(listener);
        parser.setErrorHandler(new FirstErrorStrategy());
        try {
            return parser.query();
        } catch (SyntaxErrorSignal signal) {
            throw signal.error();
        }
    }
}
