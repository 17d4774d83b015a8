package dev.sessio.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points a Quarkus test at the JVM's real Kafka broker (started on first use). */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", KafkaBroker.get().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by every test class in this JVM; stopped by a shutdown hook
    }
}
