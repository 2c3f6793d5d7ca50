package dev.shiplog.deployment.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Read your writes: a command that put a fact on the log waits, a bounded time, until this service's own projection
 * shows it, so that the caller's next request sees it. Past the bound it answers anyway (the fact is on the log; the
 * projection follows).
 */
final class Visible {

    private static final Logger LOG = Logger.getLogger(Visible.class);

    static void within(Duration bound, Supplier<Boolean> condition, String what) {
        Instant deadline = Instant.now().plus(bound);
        while (!Objects.equals(QuarkusTransaction.requiringNew().call(condition::get), Boolean.TRUE)) {
            if (Instant.now().isAfter(deadline)) {
                LOG.warnf("%s is on the log but not yet in this service's view after %s", what, bound);
                return;
            }
            try {
                Thread.sleep(20); // polling this service's own projection, under a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Visible() {
    }
}
