package dev.sessio.runtime.inbox;

import dev.sessio.runtime.outbox.OutboxProducer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Sends one record of a batch to its channel's dead-letter topic, with the same headers SmallRye's
 * dead-letter-queue strategy writes ({@code dead-letter-reason}, {@code dead-letter-topic}, …). A batch consumer
 * needs this: nacking a batch would dead-letter every record of it, the good ones too.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final OutboxProducer producer;
    private final Config config;

    public DeadLetters(OutboxProducer producer, Config config) {
        this.producer = producer;
        this.config = config;
    }

    /** The channel's configured dead-letter topic, or SmallRye's default name. */
    public String topicOf(String channel, String sourceTopic) {
        return config.getOptionalValue("mp.messaging.incoming." + channel + ".dead-letter-queue.topic", String.class)
                .orElse("dead-letter-topic-" + sourceTopic);
    }

    /**
     * Blocks until the broker acknowledged the dead letter: the caller commits the batch's offsets after this, so
     * a record is never both skipped and not dead-lettered. Retries while the broker is away.
     */
    public void send(String channel, ConsumerRecord<?, ?> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add("dead-letter-reason", bytes(reason.getMessage() == null ? reason.toString() : reason.getMessage()));
        headers.add("dead-letter-exception-class-name", bytes(reason.getClass().getName()));
        if (reason.getCause() != null) {
            headers.add("dead-letter-cause", bytes(String.valueOf(reason.getCause().getMessage())));
        }
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(topicOf(channel, record.topic()), null,
                record.key() == null ? null : record.key().toString(), value(record.value()), headers);
        long pause = 200;
        while (true) {
            try {
                producer.send(dead).get(30, TimeUnit.SECONDS);
                LOG.warnf("%s/%d@%d dead-lettered: %s", record.topic(), record.partition(), record.offset(),
                        reason.getMessage());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while dead-lettering", e);
            } catch (Exception e) {
                LOG.warnf("cannot dead-letter %s/%d@%d yet (retrying in %d ms): %s", record.topic(),
                        record.partition(), record.offset(), pause, e.getMessage());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while dead-lettering", interrupted);
                }
                pause = Math.min(5_000, pause * 2);
            }
        }
    }

    private static byte[] value(Object value) {
        return value instanceof byte[] bytes ? bytes : value == null ? null : bytes(value.toString());
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
