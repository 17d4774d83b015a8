package dev.sessio.notifications;

import dev.sessio.testing.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the consumed topics before the application starts, so the consumers get their partitions at once instead
 * of waiting for auto-creation and a metadata refresh (which cost the first test of each topic many seconds).
 */
public class Topics implements QuarkusTestResourceLifecycleManager {

    static final List<String> CONSUMED = List.of("accounts.events.v1", "tokens.events.v1", "sessions.events.v1",
            "video.events.v1");

    @Override
    public Map<String, String> start() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBroker.get().bootstrapServers()))) {
            for (String topic : CONSUMED) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + topic, e);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }
}
