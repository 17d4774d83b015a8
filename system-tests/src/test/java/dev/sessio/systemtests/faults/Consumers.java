package dev.sessio.systemtests.faults;

import dev.sessio.systemtests.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The Kafka consumers of the services that run, read from the configuration inside their deployed jars (the same
 * folder deploy/local starts them from), so a consumer added later is covered without editing the tests.
 */
final class Consumers {

    /** One consumer channel: the group reading {@code topic}, and where its dead letters go. */
    record Channel(String service, String channel, String topic, String group, String deadLetterTopic) {
    }

    private Consumers() {
    }

    static List<Channel> deployed() {
        Path services = Path.of(System.getenv().getOrDefault("SESSIO_SERVICES_DIR", Platform.REPOSITORY.toString()));
        List<Channel> channels = new ArrayList<>();
        for (String service : LocalPlatform.SERVICES) {
            Path app = services.resolve(service).resolve("target/quarkus-app/app");
            if (!Files.isDirectory(app)) {
                continue;
            }
            Properties properties = applicationProperties(app);
            for (String key : properties.stringPropertyNames()) {
                String prefix = "mp.messaging.incoming.";
                if (key.startsWith(prefix) && key.endsWith(".topic") && !key.endsWith(".dead-letter-queue.topic")) {
                    String channel = key.substring(prefix.length(), key.length() - ".topic".length());
                    String topic = properties.getProperty(key);
                    String group = properties.getProperty(prefix + channel + ".group.id", service);
                    String dlq = properties.getProperty(prefix + channel + ".dead-letter-queue.topic",
                            "dead-letter-topic-" + topic);
                    channels.add(new Channel(service, channel, topic, group, dlq));
                }
            }
        }
        return channels;
    }

    private static Properties applicationProperties(Path app) {
        try (Stream<Path> jars = Files.list(app)) {
            Path jar = jars.filter(p -> p.toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no application jar in " + app));
            try (JarFile file = new JarFile(jar.toFile());
                 InputStream in = file.getInputStream(file.getJarEntry("application.properties"))) {
                Properties properties = new Properties();
                properties.load(in);
                return properties;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
