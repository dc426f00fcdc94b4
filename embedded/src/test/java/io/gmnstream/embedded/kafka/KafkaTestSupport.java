package io.gmnstream.embedded.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test helpers for reading topics of the embedded broker. */
public final class KafkaTestSupport {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private KafkaTestSupport() {
    }

    /**
     * Subscribes and polls until at least {@code count} records arrived, failing after 30 s; returns
     * everything received, so a caller asserting on the list also sees any unexpected extra record.
     */
    public static <K, V> List<ConsumerRecord<K, V>> consumeExactly(KafkaConsumer<K, V> consumer, String topic, int count) {
        consumer.subscribe(List.of(topic));
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (records.size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Expected " + count + " records on " + topic + " within " + TIMEOUT
                        + " but got " + records.size());
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }
}
