package io.voronka.dsl;

import io.voronka.engine.store.EventTypes;

import java.util.List;

/** The dictionary and dimensions that docs/query-language.md describes: the seed CRM's ids, names and aliases. */
final class SeedCatalog {
    static final List<String> DIMENSIONS = List.of("utm_source", "device", "source_id", "currency", "product",
            "operator_group", "department");

    private SeedCatalog() {
    }

    static Catalog catalog() {
        EventTypes types = new EventTypes();
        types.define(1, "Назначена задача на звонок 1 линии", List.of("first_line_task"));
        types.define(3, "Создание заявки", List.of("request_created"));
        types.define(4, "Ученик ответил на звонок оператора 1л", List.of("first_line_answered"));
        types.define(5, "Назначение ВУ", List.of("intro_booked"));
        types.define(7, "Успешный ВУ", List.of("intro_done"));
        types.define(8, "Выход МВУ на ВУ", List.of("methodologist_joined"));
        types.define(9, "Назначена задача на вторую линию", List.of("second_line_task"));
        types.define(10, "Дозвон 2Л", List.of("second_line_call"));
        types.define(11, "Демонстрационный урок", List.of("demo_lesson"));
        types.define(13, "Сообщение в WhatsApp", List.of("whatsapp_message"));
        for (String constant : List.of("pay", "visit", "order", "call", "sale")) {
            types.constant(constant);
        }
        return new Catalog(types, DIMENSIONS);
    }
}
