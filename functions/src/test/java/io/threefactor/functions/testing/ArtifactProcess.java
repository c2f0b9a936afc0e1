package io.threefactor.functions.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged artifact (the Knative fast-jar, the Lambda zip under AWS's runtime client) as a child process of the
 * test, the way its platform starts it: a fresh JVM with the environment the manifest gives it. Records when it
 * started, so tests and the benchmark can tell the cold start, and reads its resident memory from /proc.
 */
public final class ArtifactProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final long startedNanos;

    private ArtifactProcess(Process process, Path log, long startedNanos) {
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /** {@code java <jvmOptions> <arguments>} in {@code workDir} with exactly {@code env} (plus PATH and HOME). */
    public static ArtifactProcess start(List<String> jvmOptions, List<String> arguments, Path workDir,
            Map<String, String> env, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(arguments);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = pb.environment();
        String path = environment.get("PATH");
        String home = environment.get("HOME");
        // A platform starts the function with its manifest's variables, not the test runner's.
        environment.clear();
        environment.put("PATH", path == null ? "/usr/bin:/bin" : path);
        environment.put("HOME", home == null ? "/tmp" : home);
        environment.putAll(env);
        try {
            Files.createDirectories(log.getParent());
            long started = System.nanoTime();
            return new ArtifactProcess(pb.start(), log, started);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until something accepts connections on {@code port}; milliseconds since the start. */
    public long awaitPort(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            requireAlive();
            try (Socket s = new Socket("127.0.0.1", port)) {
                return millisSinceStart();
            } catch (IOException e) {
                sleep(20);
            }
        }
        throw new IllegalStateException("nothing listens on " + port + " after " + timeout + "; see " + log);
    }

    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the artifact exited with " + process.exitValue() + "; see " + log);
        }
    }

    public long millisSinceStart() {
        return millisAt(System.nanoTime());
    }

    /** Milliseconds from the start to {@code nanos} (a {@link System#nanoTime()} reading). */
    public long millisAt(long nanos) {
        return (nanos - startedNanos) / 1_000_000;
    }

    /** Resident set size now, and its peak (VmRSS, VmHWM), in MiB; -1 where /proc does not tell. */
    public long[] residentMiB() {
        long rss = -1;
        long peak = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line) / 1024;
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line) / 1024;
                }
            }
        } catch (IOException e) {
            // not Linux, or already gone
        }
        return new long[] {rss, peak};
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    public Path log() {
        return log;
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
