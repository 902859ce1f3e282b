package io.voronka.dsl;

import io.voronka.engine.demo.DemoEvent;
import io.voronka.engine.store.EventTypes;

import java.util.List;

/** The dictionary and dimensions that docs/query-language.md describes: the seed CRM's ids as the demo CRM has them. */
final class SeedCatalog {
    static final List<String> DIMENSIONS = List.of("utm_source", "device", "source_id", "currency", "product",
            "operator_group", "department", "operator", "zodiac", "status");

    private SeedCatalog() {
    }

    static Catalog catalog() {
        EventTypes types = new EventTypes();
        for (DemoEvent e : DemoEvent.values()) {
            types.define(e.id(), e.russianName(), e.aliases());
        }
        for (String constant : List.of("pay", "visit", "order", "call", "sale")) {
            types.constant(constant);
        }
        return new Catalog(types, DIMENSIONS);
    }
}
