package dev.sessio.runtime.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** A CloudEvent read from a Kafka record in binary mode (attributes in {@code ce_*} headers). */
public record IncomingEvent(String id, String type, String source, String subject, Instant time, String key,
                            String payload, ObjectMapper json) {

    static IncomingEvent from(ConsumerRecord<?, ?> record, ObjectMapper json) {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || id.isBlank() || type == null || type.isBlank()) {
            throw new PoisonEventException("record without ce_id or ce_type at " + record.topic() + "/"
                    + record.partition() + "@" + record.offset());
        }
        String time = header(record, "ce_time");
        Object value = record.value();
        String payload = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : value == null ? null : value.toString();
        Instant at;
        try {
            at = time == null ? null : Instant.parse(time);
        } catch (RuntimeException e) {
            throw new PoisonEventException("ce_time is not an RFC 3339 instant: " + time);
        }
        return new IncomingEvent(id, type, header(record, "ce_source"), header(record, "ce_subject"), at,
                record.key() == null ? null : record.key().toString(), payload, json);
    }

    /** The payload as its contract record; a payload that does not fit the contract is a poison event. */
    public <T> T as(Class<T> contract) {
        try {
            return json.readValue(payload, contract);
        } catch (IOException e) {
            throw new PoisonEventException("payload of " + type + " " + id + " does not match "
                    + contract.getSimpleName() + ": " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return type + " " + id;
    }

}
