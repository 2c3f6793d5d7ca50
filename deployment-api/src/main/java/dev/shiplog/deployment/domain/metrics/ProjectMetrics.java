package dev.shiplog.deployment.domain.metrics;

import java.time.Instant;
import java.util.List;

/**
 * A project's delivery figures over a window {@code [from, to)}, of one environment or (null) of all of them; each
 * figure with its definition ({@link DeliveryMetrics}).
 */
public record ProjectMetrics(String projectId, String environment, Instant from, Instant to,
        List<DeliveryMetrics.Figure> figures) {
}
