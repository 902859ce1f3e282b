package io.voronka.engine.snapshot;

import io.voronka.engine.demo.DemoStoreSink;
import io.voronka.engine.store.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A child JVM writing a new snapshot is killed with SIGKILL at several points; the folder then holds the old
 * snapshot or the new one, whole, and never a mix.
 */
class SnapshotCrashTest {
    private static final long OLD_SEED = 5;
    private static final long NEW_SEED = 6;
    private static final long EVENTS = 20_000;
    private static EventStore oldStore;
    private static EventStore newStore;

    @TempDir
    Path dir;

    @BeforeAll
    static void stores() {
        oldStore = DemoStoreSink.build(OLD_SEED, EVENTS, 1);
        newStore = DemoStoreSink.build(NEW_SEED, EVENTS, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"store.bin", "segment-00000.bin", "users.keys", "users.map", "manifest.bin", "commit"})
    void aKilledWriterLeavesTheOldOrTheNewSnapshotWhole(String step) throws Exception {
        SnapshotStorage.at(dir).write(new Snapshot(oldStore, List.of(), Instant.EPOCH), "fp", SnapshotProgress.NONE);

        Process child = startChild(step);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("AT " + step, out.readLine(), "the child reached the step");
            child.destroyForcibly();
            child.waitFor();
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        EventStore reopened = SnapshotStorage.at(dir).open("fp", SnapshotProgress.NONE).orElseThrow().store();
        SameStore.assertSame(step.equals("commit") ? newStore : oldStore, reopened);

        SnapshotStorage.at(dir).write(new Snapshot(newStore, List.of(), Instant.EPOCH), "fp", SnapshotProgress.NONE);
        SameStore.assertSame(newStore, SnapshotStorage.at(dir).open("fp", SnapshotProgress.NONE).orElseThrow().store());
    }

    private Process startChild(String step) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SnapshotCrashChild.class.getName());
        command.add(dir.toString());
        command.add(Long.toString(NEW_SEED));
        command.add(Long.toString(EVENTS));
        command.add(step);
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
