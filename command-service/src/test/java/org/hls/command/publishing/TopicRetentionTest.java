package org.hls.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.hls.command.support.IntegrationTest;
import org.hls.command.support.StackProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topic keeps every event for ever unless told otherwise, so that a projection deployed a year later reads the
 * whole history; a topic created with the broker's default retention before is raised to it.
 */
@IntegrationTest
class TopicRetentionTest extends StackProperties {

    @Autowired
    KafkaAdmin kafkaAdmin;
    @Autowired
    PublishingConfiguration publishing;
    @Value("${hls.kafka.topic}")
    String topic;

    @Test
    void theTopicKeepsEveryEventForEver() throws Exception {
        assertThat(retentionOf(topic)).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .containsEntry(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
    }

    @Test
    void aTopicCreatedWithTheBrokersDefaultsIsKeptForEverAndAsReplicatedAsConfiguredOnceTheServiceStarts()
            throws Exception {
        String older = "topic-from-an-earlier-release";
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(older, 2, (short) 1))).all().get();
        }
        assertThat(retentionOf(older)).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "604800000");

        kafkaAdmin.createOrModifyTopics(publishing.learningEventsTopic(older, 2, (short) 1, -1, 2));

        assertThat(retentionOf(older)).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
    }

    private static Map<String, String> retentionOf(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = admin()) {
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            return Map.of(TopicConfig.RETENTION_MS_CONFIG, config.get(TopicConfig.RETENTION_MS_CONFIG).value(),
                    TopicConfig.RETENTION_BYTES_CONFIG, config.get(TopicConfig.RETENTION_BYTES_CONFIG).value(),
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                    config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value());
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", STACK.kafka().bootstrapServers()));
    }
}
