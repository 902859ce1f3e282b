package io.voronka.dsl;

import io.voronka.dsl.grammar.VoronkaQueryParser.DimensionContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.EventContext;
import io.voronka.dsl.grammar.VoronkaQueryParser.EventsContext;
import io.voronka.engine.error.ClosestNames;
import io.voronka.engine.query.EventRef;
import io.voronka.engine.store.EventTypes;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks event and dimension names against the {@link Catalog}, with "did you mean" when one is unknown. */
final class CatalogLookup {
    /** How many ids or dimensions an error lists before it cuts the list. */
    private static final int LISTED = 20;

    private final Catalog catalog;
    private final SourceText source;

    CatalogLookup(Catalog catalog, SourceText source) {
        this.catalog = catalog;
        this.source = source;
    }

    List<EventRef> events(EventsContext ctx) throws QueryException {
        List<EventRef> refs = new ArrayList<>();
        for (EventContext event : ctx.event()) {
            refs.add(event(event));
        }
        return refs;
    }

    /**
     * An id stays an id ({@code 3}); a quoted or bare name stays the name as written (stripped), since the
     * dictionary resolves names and aliases alike.
     */
    EventRef event(EventContext ctx) throws QueryException {
        Token token = ctx.getStart();
        if (ctx.INT() != null) {
            return eventById(token);
        }
        String name = ctx.STRING() != null ? unquote(token.getText()) : token.getText();
        if (name.isEmpty()) {
            throw source.errorAt(token, "an empty event name", List.of(ExpectedTokens.AN_EVENT), "");
        }
        if (catalog.types().codeOfName(name) < 0) {
            String hint = ClosestNames.didYouMean(name, catalog.types().allNames());
            throw source.errorAt(token, "unknown event name '" + name + "'",
                    List.of("an event name or alias from the dictionary"),
                    hint.isEmpty() ? "names match without regard to case; names with spaces go in quotes" : hint);
        }
        return EventRef.ofName(name);
    }

    /** The catalog's spelling of a dimension, matched without regard to case. */
    String dimension(DimensionContext ctx) throws QueryException {
        Token token = ctx.getStart();
        String name = ctx.STRING() != null ? unquote(token.getText()) : token.getText();
        for (String known : catalog.dimensions()) {
            if (known.equalsIgnoreCase(name)) {
                return known;
            }
        }
        if (catalog.dimensions().isEmpty()) {
            throw source.errorAt(token, "unknown dimension '" + name + "'", List.of(),
                    "this data has no dimensions to filter or break down by");
        }
        throw source.errorAt(token, "unknown dimension '" + name + "'",
                List.of("one of the dimensions: " + listed(catalog.dimensions())),
                ClosestNames.didYouMean(name, catalog.dimensions()));
    }

    static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1).strip();
    }

    private EventRef eventById(Token token) throws QueryException {
        long id;
        try {
            id = Long.parseLong(token.getText());
        } catch (NumberFormatException tooLong) {
            throw source.errorAt(token, "event id " + token.getText() + " is too large", List.of(), "");
        }
        if (catalog.types().codeOfId(id) >= 0) {
            return EventRef.ofId(id);
        }
        List<String> ids = knownIds();
        String hint = ClosestNames.didYouMean(token.getText(), ids);
        List<String> expected = ids.isEmpty() ? List.of() : List.of("an event id from the data: " + listed(ids));
        throw source.errorAt(token, "unknown event id " + id, expected,
                hint.isEmpty() ? "ids are the values of the event column; names go in quotes" : hint);
    }

    private List<String> knownIds() {
        EventTypes types = catalog.types();
        List<Long> ids = new ArrayList<>();
        for (int code = 0; code < types.size(); code++) {
            if (types.externalId(code) != EventTypes.NO_ID) {
                ids.add(types.externalId(code));
            }
        }
        ids.sort(null);
        return ids.stream().map(String::valueOf).toList();
    }

    private static String listed(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(LISTED, names.size())));
        return names.size() > LISTED ? shown + String.format(Locale.ROOT, ", … (%d in all)", names.size()) : shown;
    }
}
