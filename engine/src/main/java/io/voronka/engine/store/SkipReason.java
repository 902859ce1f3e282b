package io.voronka.engine.store;

/** Why a source row was read but not kept as an event. */
public enum SkipReason {
    NULL_USER("user is NULL"),
    NULL_TIME("time is NULL"),
    NULL_TYPE("event type is NULL"),
    TIME_OUT_OF_RANGE("time outside 1932..2068"),
    BAD_USER_KEY("user key does not fit the store's key kind"),
    FRACTIONAL_USER_KEY("user key is a number with a fraction, e.g. 100.5; keys are whole numbers or text"),
    DUPLICATE("exact duplicate of another row");

    private final String description;

    SkipReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
