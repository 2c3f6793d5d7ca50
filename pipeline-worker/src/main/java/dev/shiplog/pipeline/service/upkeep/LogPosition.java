package dev.shiplog.pipeline.service.upkeep;

import dev.shiplog.pipeline.service.lane.LaneProjection;
import dev.shiplog.kit.messaging.KafkaClientConfig;
import dev.shiplog.schema.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether the lanes have read the log up to a mark: the sweeper acts only on what the log proves. It sets a mark
 * (the end of {@code shiplog.deployment.events} now) and acts once the scheduler's committed offsets have passed it,
 * so any end written before the mark, by any instance, has been applied before it judges a deployment unfinished.
 */
@ApplicationScoped
public class LogPosition {

    private final KafkaClientConfig kafka;
    private Admin admin;
    private Map<TopicPartition, Long> mark;

    public LogPosition(KafkaClientConfig kafka) {
        this.kafka = kafka;
    }

    /** True if the lanes have read everything up to the last mark; then sets a new mark. */
    public synchronized boolean caughtUp() throws Exception {
        Admin client = admin();
        Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(Topics.group(LaneProjection.CONSUMER))
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        boolean reached = mark != null && mark.entrySet().stream().allMatch(e -> e.getValue() == 0
                || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        client.describeTopics(java.util.List.of(Topics.DEPLOYMENT_EVENTS.name())).allTopicNames().get(10,
                TimeUnit.SECONDS).get(Topics.DEPLOYMENT_EVENTS.name()).partitions()
                .forEach(p -> latest.put(new TopicPartition(Topics.DEPLOYMENT_EVENTS.name(), p.partition()),
                        OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = client.listOffsets(latest).all().get(10,
                TimeUnit.SECONDS);
        mark = new HashMap<>();
        ends.forEach((partition, info) -> mark.put(partition, info.offset()));
        return reached;
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafka.with(Map.of("request.timeout.ms", "10000", "default.api.timeout.ms",
                    "15000")));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
