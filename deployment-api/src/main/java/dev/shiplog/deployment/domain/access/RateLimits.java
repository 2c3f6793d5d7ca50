package dev.shiplog.deployment.domain.access;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How much one caller may ask: token buckets per key (a credential, or an address for calls without one), one for
 * every call and one more for writes. A call past either is refused with the seconds after which one more would be
 * let through. The buckets live in this process: each gateway instance counts on its own, so N instances let a
 * credential through N times as often (a shared counter would cost a database or broker round trip per request).
 */
public final class RateLimits {

    /** A bucket's size and how fast it refills. */
    public record Limit(long burst, long perSecond) {
    }

    /** Whether a call may pass; if not, how long to wait ({@code retryAfterSeconds}) and the limit it broke. */
    public record Verdict(boolean allowed, long retryAfterSeconds, String rule) {
        static final Verdict ALLOWED = new Verdict(true, 0, null);
    }

    private record Buckets(Bucket all, Bucket writes) {
    }

    private final Limit all;
    private final Limit writes;
    private final int maxKeys;
    private final TimeMeter clock;
    private final ConcurrentHashMap<String, Buckets> buckets = new ConcurrentHashMap<>();

    public RateLimits(Limit all, Limit writes, int maxKeys, TimeMeter clock) {
        this.all = all;
        this.writes = writes;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** Whether the caller {@code key} may make one more call ({@code write}: a POST, PUT or DELETE) now. */
    public Verdict admit(String key, boolean write) {
        Buckets b = buckets.computeIfAbsent(key, k -> new Buckets(bucket(all), bucket(writes)));
        if (buckets.size() > maxKeys) {
            forgetIdle();
        }
        ConsumptionProbe any = b.all().tryConsumeAndReturnRemaining(1);
        if (!any.isConsumed()) {
            return refused(any, "at most " + all.perSecond() + " requests a second per credential (bursts of "
                    + all.burst() + ")");
        }
        if (write) {
            ConsumptionProbe probe = b.writes().tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                return refused(probe, "at most " + writes.perSecond() + " writes a second per credential (bursts of "
                        + writes.burst() + ")");
            }
        }
        return Verdict.ALLOWED;
    }

    /** How many callers are being counted. */
    public int callers() {
        return buckets.size();
    }

    private static Verdict refused(ConsumptionProbe probe, String rule) {
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return new Verdict(false, seconds, rule);
    }

    /** Past {@code maxKeys} callers, those whose buckets are full again are forgotten (they lose nothing). */
    private void forgetIdle() {
        buckets.entrySet().removeIf(e -> e.getValue().all().getAvailableTokens() >= all.burst()
                && e.getValue().writes().getAvailableTokens() >= writes.burst());
        if (buckets.size() > maxKeys) {
            buckets.clear();
        }
    }

    private Bucket bucket(Limit limit) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(limit.burst())
                .refillGreedy(limit.perSecond(), Duration.ofSeconds(1)).build()).withCustomTimePrecision(clock)
                .build();
    }
}
