package io.voronka.engine.config;

import io.voronka.engine.store.UserKeyKind;

/** The {@code users.key} setting: what the user columns of all sources hold. */
public enum UserKeyType {
    INT64(UserKeyKind.INT64),
    UINT64(UserKeyKind.UINT64),
    TEXT(UserKeyKind.TEXT),
    /** Held as canonical lower-case text ({@code 8-4-4-4-12} hex digits). */
    UUID(UserKeyKind.TEXT);

    private final UserKeyKind storeKind;

    UserKeyType(UserKeyKind storeKind) {
        this.storeKind = storeKind;
    }

    public UserKeyKind storeKind() {
        return storeKind;
    }
}
