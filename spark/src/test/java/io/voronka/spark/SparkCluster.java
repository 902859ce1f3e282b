package io.voronka.spark;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and two workers, each its own JVM (256 MB heap) started
 * from a SPARK_HOME whose {@code jars/} the build copied from Spark's Maven artifacts. Ports are free ones picked at
 * start, so parallel builds do not collide. {@link #appJars()} packs Voronka's classes for the executors.
 */
final class SparkCluster implements AutoCloseable {
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final Path home;
    private final Path work;
    private final int masterPort;
    private final int masterUi;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();

    private SparkCluster(Path home, Path work) throws IOException {
        this.home = home;
        this.work = work;
        this.masterPort = freePort();
        this.masterUi = freePort();
        this.master = start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(masterPort), "--webui-port", Integer.toString(masterUi));
    }

    /** Starts a master and {@code workers} workers of one core and 1 GB each; returns when all are registered. */
    static SparkCluster start(int workers) throws Exception {
        return start(workers, "1g");
    }

    /** As above, each worker offering {@code memory} (Spark's size syntax, e.g. {@code 4g}) to its executor. */
    static SparkCluster start(int workers, String memory) throws Exception {
        Path home = Path.of(System.getProperty("spark.test.home", "target/spark-home")).toAbsolutePath();
        if (!Files.isDirectory(home.resolve("jars"))) {
            throw new IllegalStateException("no Spark jars in " + home + "/jars: run the build (mvn -pl spark -am verify)");
        }
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-");
        SparkCluster cluster = new SparkCluster(home, work);
        try {
            cluster.awaitWorkers(0, Duration.ofSeconds(60));
            for (int w = 0; w < workers; w++) {
                cluster.startWorker(w, memory);
            }
            cluster.awaitWorkers(workers, Duration.ofSeconds(90));
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** The worker JVM's process (to kill it). */
    Process worker(int index) {
        return workers.get(index);
    }

    private void startWorker(int index, String memory) throws IOException {
        Path dir = Files.createDirectories(work.resolve("worker-" + index));
        workers.add(start("worker-" + index, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                "--port", Integer.toString(freePort()), "--webui-port", Integer.toString(freePort()), "--cores", "1",
                "--memory", memory, "--work-dir", dir.toString(), masterUrl()));
    }

    private Process start(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", home.resolve("jars") + File.separator + "*", mainClass));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    /** Polls the master's JSON status until {@code count} workers are alive. */
    void awaitWorkers(int count, Duration limit) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + limit.toNanos();
        String last = "no answer";
        while (System.nanoTime() < end) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUi + "/json/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = ALIVE_WORKERS.matcher(last);
                if (m.find() && Integer.parseInt(m.group(1)) == count) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the Spark master did not report " + count + " alive workers within " + limit
                + " (last status: " + last + "); logs in " + work);
    }

    /**
     * Voronka's classes for the executors: every class folder and Voronka/fastutil/ANTLR jar of this JVM's class
     * path (test classes excluded), class folders packed into jars under {@code target/}.
     */
    static List<String> appJars() throws IOException {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            String name = p.getFileName().toString();
            if (Files.isDirectory(p) && !name.equals("test-classes")) {
                jars.add(pack(p).toString());
            } else if (name.startsWith("voronka-") || name.startsWith("fastutil") || name.startsWith("antlr4-runtime")) {
                jars.add(p.toString());
            }
        }
        return jars;
    }

    private static Path pack(Path classes) throws IOException {
        Path jar = classes.getParent().resolve("spark-app-" + classes.getParent().getParent().getFileName() + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                    try (InputStream in = Files.newInputStream(f)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Workers first (they stop their executors), then the master; an interrupted wait kills what is left. */
    @Override
    public void close() {
        try {
            for (Process w : workers) {
                w.destroy();
            }
            for (Process w : workers) {
                if (!w.waitFor(20, TimeUnit.SECONDS)) {
                    w.destroyForcibly();
                }
            }
            master.destroy();
            if (!master.waitFor(20, TimeUnit.SECONDS)) {
                master.destroyForcibly();
            }
        } catch (InterruptedException e) {
            workers.forEach(Process::destroyForcibly);
            master.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

}
