package dev.shiplog.pipeline.service.live;

import dev.shiplog.kit.messaging.EventPublisher;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.domain.DeploymentEvents;
import dev.shiplog.pipeline.messaging.outgoing.DeploymentLogsLog;
import dev.shiplog.pipeline.runtime.RuntimeLogs;
import dev.shiplog.pipeline.service.job.LogSink;
import dev.shiplog.pipeline.service.job.SecretMask;
import dev.shiplog.schema.common.Envelope;
import dev.shiplog.schema.common.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running application's output on its deployment's log ({@code shiplog.deployment.logs}), as the {@code runtime}
 * stream: gathered and sent as a build's output is ({@link LogSink}: chunks, at least every 200 ms, its secrets
 * masked). Each output numbers its chunks from a base of its own, after every number a build's attempts use and
 * unique on this worker ({@code 10^18 + start millisecond × 10^6}), so outputs started at different times, on a
 * restart too, never reuse a number.
 */
@ApplicationScoped
public class RuntimeLogSinks implements RuntimeLogs {

    static final long BASE = 1_000_000_000_000_000_000L;
    static final long PER_OUTPUT = 1_000_000L;

    private final EventPublisher logs;
    private final PipelineConfig config;
    private final DeploymentEvents events = DeploymentEvents.system();
    private final AtomicLong lastStart = new AtomicLong();
    private final Set<LogSink> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "runtime-logs");
        t.setDaemon(true);
        return t;
    });

    public RuntimeLogSinks(@DeploymentLogsLog EventPublisher logs, PipelineConfig config) {
        this.logs = logs;
        this.config = config;
        flusher.scheduleWithFixedDelay(() -> open.forEach(LogSink::flush), LogSink.MAX_DELAY_MS, LogSink.MAX_DELAY_MS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public Output open(String deploymentId, Collection<String> secrets) {
        long millis = lastStart.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
        Envelope cause = Envelope.newBuilder().setEventId(deploymentId).setOccurredAt(Instant.now())
                .setActor(DeploymentEvents.ACTOR).setCorrelationId(deploymentId).build();
        LogSink sink = new LogSink(logs, events, cause, deploymentId, config.outageDeadline(),
                BASE + millis * PER_OUTPUT);
        sink.stage(Stage.DEPLOY);
        sink.mask(new SecretMask(Set.copyOf(secrets)));
        open.add(sink);
        return new Output() {
            @Override
            public void append(String text) {
                sink.append("RUNTIME", text);
            }

            @Override
            public void system(String line) {
                sink.append("RUNTIME", "[shiplog] " + line + "\n");
            }

            @Override
            public String tail() {
                return sink.tail();
            }

            @Override
            public void end() {
                open.remove(sink);
                sink.end();
            }
        };
    }
}
