package io.voronka.engine.store;

/** Why a source row was read but not kept as an event. */
public enum SkipReason {
    NULL_USER("user is NULL"),
    NULL_TIME("time is NULL"),
    NULL_TYPE("event type is NULL"),
    TIME_OUT_OF_RANGE("time outside 1932..2068"),
    BAD_USER_KEY("user key does not fit the store's key kind"),
    DUPLICATE("exact duplicate of another row");

    private final String description;

    SkipReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
