package dev.sessio.systemtests.faults;

import dev.sessio.systemtests.Platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The parts of the platform started by {@code deploy/local/sessio}: where its state lives, how to SIGKILL a part
 * and how to bring it back ({@code sessio up --no-build} starts only the parts that are down).
 */
final class LocalPlatform {

    static final List<String> SERVICES = List.of("accounts-service", "tokens-service", "sessions-service",
            "notifications-service", "video-service", "gateway");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalPlatform() {
    }

    static int port(int defaultPort) {
        return defaultPort + Platform.PORT_OFFSET;
    }

    /** The PID recorded by the script (the leader of the part's process group). */
    static long pid(String part) {
        try {
            return Long.parseLong(Files.readString(Platform.HOME.resolve("run/" + part + ".pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("no PID file for " + part, e);
        }
    }

    static boolean alive(long pid) {
        // A killed part may linger as a zombie (nobody reaps it): it counts as gone when its command line is empty.
        try {
            return Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")).length > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL to the part's whole process group (each part runs under setsid), then waits until it is gone. */
    static void kill(String part, int port) {
        long pid = pid(part);
        run(Duration.ofSeconds(10), "kill", "-KILL", "--", "-" + pid);
        ProcessHandle.of(pid).ifPresent(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
        await("%s (pid %d) gone".formatted(part, pid)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> !alive(pid) && !listening(port));
    }

    /** {@code deploy/local/sessio up --no-build}: starts the parts that are down and waits until they are ready. */
    static void up() {
        String output = run(Duration.ofMinutes(5), Platform.REPOSITORY.resolve("deploy/local/sessio").toString(), "up", "--no-build");
        if (!output.contains("Sessio is up") && !output.contains("already up")) {
            throw new AssertionError("sessio up did not finish:\n" + output);
        }
    }

    /** Starts whatever part is down (a fault test that failed half-way) and waits for every service. */
    static void ensureUp() {
        up();
        awaitAllReady(Duration.ofSeconds(120));
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Status of {@code /q/health/ready} of a service or the gateway; 0 when it does not answer. */
    static int readiness(String service) {
        return readinessAt(Platform.service(service));
    }

    /** The same for any service address, e.g. a second replica's. */
    static int readinessAt(String base) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Every service and the gateway ready: what each fault test leaves behind for the suites after it. */
    static void awaitAllReady(Duration timeout) {
        await("every service ready").atMost(timeout).pollInterval(Duration.ofSeconds(1))
                .until(() -> SERVICES.stream().allMatch(s -> readiness(s) == 200));
    }

    static String run(Duration timeout, String... command) {
        try {
            Path log = Files.createTempFile("sessio-fault-", ".log");
            Process process = new ProcessBuilder(command).directory(Platform.REPOSITORY.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within " + timeout
                        + ":\n" + Files.readString(log));
            }
            String output = Files.readString(log);
            Files.deleteIfExists(log);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
