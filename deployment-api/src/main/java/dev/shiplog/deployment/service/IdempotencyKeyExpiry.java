package dev.shiplog.deployment.service;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.deployment.repository.IdempotencyKeys;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Idempotency keys older than {@code shiplog.idempotency-window} are forgotten, hourly. */
@ApplicationScoped
public class IdempotencyKeyExpiry {

    private final IdempotencyKeys keys;
    private final DeploymentApiConfig config;

    public IdempotencyKeyExpiry(IdempotencyKeys keys, DeploymentApiConfig config) {
        this.keys = keys;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1m")
    void forgetOldKeys() {
        QuarkusTransaction.requiringNew().run(() -> keys.forgetOlderThan(config.idempotencyWindow()));
    }
}
