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

    /** The repository root: the Maven plugin passes it; otherwise the module's parent folder. */
    static final Path REPOSITORY = Path.of(System.getProperty("sessio.repository",
            Path.of("").toAbsolutePath().getParent().toString()));
    static final Path SESSIO_HOME = Path.of(System.getenv().getOrDefault("SESSIO_HOME",
            REPOSITORY.resolve(".sessio").toString()));
    static final Path RESULTS = Path.of(System.getProperty("load.results",
            REPOSITORY.resolve("system-tests/target/gatling").toString()));

    private LoadEnvironment() {
    }

    /** deploy/local's generated passwords (KC_BOOTSTRAP_ADMIN_PASSWORD, SESSIO_DB_SESSIONS_PASSWORD, …). */
    static String secret(String name) {
        Path file = SESSIO_HOME.resolve("secrets.env");
        try {
            Map<String, String> values = new HashMap<>();
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    values.put(line.substring(0, eq).trim(), unquote(line.substring(eq + 1).trim()));
                }
            }
            String value = values.get(name);
            if (value == null) {
                throw new IllegalStateException(name + " is not in " + file);
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (set SESSIO_HOME as for deploy/local/sessio)", e);
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                || value.startsWith("\"") && value.endsWith("\""))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
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
