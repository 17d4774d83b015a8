package dev.sessio.systemtests.load;

import dev.sessio.systemtests.Platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the platform started by deploy/local runs (the same SESSIO_PORT_OFFSET and SESSIO_HOME), its generated
 * secrets, the load settings (system properties {@code load.*}) and the machine the figures were measured on.
 */
final class LoadEnvironment {

    static final String GATEWAY = Platform.GATEWAY;
    static final String KEYCLOAK = Platform.KEYCLOAK;
    static final String SESSIONS_SERVICE = Platform.service("sessions-service");
    static final String TOKENS_SERVICE = Platform.service("tokens-service");
    static final int POSTGRES_PORT = 5433 + Platform.PORT_OFFSET;

    static final Path RESULTS = Path.of(System.getProperty("load.results",
            Platform.REPOSITORY.resolve("system-tests/target/gatling").toString()));

    private LoadEnvironment() {
    }

    static int intSetting(String name, int defaultValue) {
        return Integer.parseInt(System.getProperty("load." + name, String.valueOf(defaultValue)));
    }

    static List<Integer> ratesSetting(String name, String defaultValue) {
        return java.util.Arrays.stream(System.getProperty("load." + name, defaultValue).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
    }

    static boolean phaseEnabled(String phase) {
        String phases = System.getProperty("load.phases", "saga,storm,overhead,reads");
        return List.of(phases.split(",")).contains(phase);
    }

    /** The 1-minute load average (other engineers' builds share the machine: figures are read next to it). */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static Map<String, Object> machine() {
        Map<String, Object> machine = new java.util.LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryGiB", memoryGiB());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        return machine;
    }

    private static double memoryGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    return Math.round(kib / 1024.0 / 1024.0 * 10) / 10.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return -1;
    }
}
