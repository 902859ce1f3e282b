package io.voronka.engine.query;

/** Which event's dimension value puts a user into a breakdown group. */
public enum Attribution {
    /** The user's earliest event that has a value of the dimension (any type). */
    FIRST_TOUCH,
    /** The event that filled a given step of the user's winning chain. */
    STEP
}
