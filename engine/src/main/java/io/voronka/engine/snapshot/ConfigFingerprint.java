package io.voronka.engine.snapshot;

import io.voronka.engine.config.VoronkaConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of the configuration sections that shape the data (sources, users, dictionary, costs, time zone): a
 * snapshot answers for the configuration it was written under and no other. Connection settings are left out, so
 * a changed password or host does not throw a snapshot away.
 */
public final class ConfigFingerprint {
    private ConfigFingerprint() {
    }

    public static String of(VoronkaConfig config) {
        String canonical = "timezone=" + config.timezone().getId() + "\nusers=" + config.userKey()
                + "\ndictionary=" + config.dictionary() + "\nsources=" + config.sources()
                + "\ncosts=" + config.costs() + "\n";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
