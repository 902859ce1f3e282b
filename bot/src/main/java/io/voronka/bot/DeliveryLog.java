package io.voronka.bot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Which chats got which day's report: one "chat date" line each, rewritten atomically (temp file + move), so a
 * restarted bot never sends a day's report twice. Lines older than 30 days are dropped.
 */
final class DeliveryLog {
    private final Path file;
    private final TreeSet<String> delivered = new TreeSet<>();

    DeliveryLog(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        delivered.add(line.strip());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bot state file " + file, e);
            }
        }
    }

    synchronized boolean delivered(long chat, LocalDate day) {
        return delivered.contains(chat + " " + day);
    }

    synchronized void record(long chat, LocalDate day) {
        delivered.add(chat + " " + day);
        LocalDate oldest = day.minusDays(30);
        delivered.removeIf(line -> LocalDate.parse(line.substring(line.indexOf(' ') + 1)).isBefore(oldest));
        List<String> lines = new ArrayList<>(delivered);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path temp = Files.createTempFile(parent, "voronka-bot", ".tmp");
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bot state file " + file, e);
        }
    }
}
