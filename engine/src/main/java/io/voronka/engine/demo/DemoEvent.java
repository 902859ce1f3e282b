package io.voronka.engine.demo;

import java.util.List;

/** The event types of the demo CRM: ids, Russian names as in the seed CRM, English aliases. */
public enum DemoEvent {
    REQUEST(3, "Создание заявки", "request_created"),
    FIRST_LINE_TASK(1, "Назначена задача на звонок 1Л", "first_line_task"),
    FIRST_LINE_CALL(4, "Ученик ответил на звонок оператора 1Л", "first_line_call"),
    WHATSAPP(13, "Сообщение в WhatsApp", "whatsapp"),
    INTRO_BOOKED(5, "Назначение ВУ", "intro_booked"),
    METHODOLOGIST_JOINED(6, "Выход МВУ на ВУ", "methodologist_joined"),
    INTRO_DONE(7, "Успешный ВУ", "intro_lesson_done"),
    SECOND_LINE_TASK(8, "Назначена задача на вторую линию", "second_line_task"),
    SECOND_LINE_CALL(9, "Дозвон 2Л", "second_line_call"),
    DEMO_STARTED(10, "Переход на ДУ (ДУ начался)", "demo_lesson_started"),
    DEMO_DONE(11, "ДУ завершен", "demo_lesson_done");

    /** The type of every row of the payments table. */
    public static final String PAYMENT = "pay";

    private final int id;
    private final String name;
    private final String alias;

    DemoEvent(int id, String name, String alias) {
        this.id = id;
        this.name = name;
        this.alias = alias;
    }

    public int id() {
        return id;
    }

    public String russianName() {
        return name;
    }

    public String alias() {
        return alias;
    }

    public List<String> aliases() {
        return List.of(alias);
    }
}
