package org.hls.query.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hls.events.EventEnvelope;
import org.hls.events.EventJson;
import org.hls.infra.embedded.EmbeddedStack;
import org.hls.query.history.LiveHistory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Points the service at the shared embedded stack of this test JVM, and publishes envelopes to its topic as the
 * command side does (keyed by aggregate id, acks=all, idempotent).
 */
public abstract class StackProperties {

    public static final String TOPIC = "query-service-test-events";
    protected static final EmbeddedStack STACK = EmbeddedStack.shared();
    private static final AtomicLong POSITION = new AtomicLong();

    /** The next global position, as the event store would hand it out. */
    protected static long nextPosition() {
        return POSITION.incrementAndGet();
    }

    /** Waits until the instance on {@code port} is ready: a fresh one answers reads 503 until its history is built. */
    protected static void awaitReady(int port) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> RawHttp.get(port, "/actuator/health", null).statusCode() == 200);
    }

    /** Whether the projections' consumer group has committed everything published so far. */
    protected static boolean caughtUp(String groupId) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", STACK.kafka().bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions()
                    .forEach(p -> latest.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                    || (committed.get(end.getKey()) != null
                    && committed.get(end.getKey()).offset() == end.getValue().offset()));
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the history has read everything published so far. */
    protected static boolean caughtUp(LiveHistory history) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", STACK.kafka().bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions()
                    .forEach(p -> latest.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest()));
            long[] offsets = history.offsets();
            return history.isReady() && admin.listOffsets(latest).all().get().entrySet().stream()
                    .allMatch(end -> end.getValue().offset() == 0 || end.getKey().partition() < offsets.length
                            && offsets[end.getKey().partition()] >= end.getValue().offset());
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        createTopic(TOPIC);
        registry.add("spring.mongodb.uri", STACK.store()::connectionString);
        registry.add("spring.kafka.bootstrap-servers", STACK.kafka()::bootstrapServers);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", STACK.tokens()::jwksUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", STACK.tokens()::issuer);
        registry.add("hls.small-numbers.key", () -> "the tests' secret for small-number noise");
    }

    protected static void publish(EventEnvelope... envelopes) {
        publishTo(TOPIC, envelopes);
    }

    protected static void publishTo(String topic, EventEnvelope... envelopes) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (EventEnvelope envelope : envelopes) {
                producer.send(new ProducerRecord<>(topic, envelope.aggregateId(), EventJson.write(envelope)));
            }
        }
    }

    protected static void createTopic(String topic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", STACK.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
