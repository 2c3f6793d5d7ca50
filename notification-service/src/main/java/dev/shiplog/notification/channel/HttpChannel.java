package dev.shiplog.notification.channel;

import dev.shiplog.notification.config.NotificationServiceConfig;
import dev.shiplog.notification.domain.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Webhooks and chat messages: one POST per attempt, no redirect followed, answered within the delivery timeout. A
 * 2xx is delivered; a 5xx, a 429 (with its {@code Retry-After}), a timeout or no answer is tried again; any other
 * answer (another 4xx, a redirect) is final. The destination is checked again, on what its host resolves to now,
 * before each attempt.
 */
@ApplicationScoped
public class HttpChannel {

    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final Messages messages;
    private final Destinations destinations;
    private final Duration timeout;
    private final HttpClient http;

    public HttpChannel(Messages messages, Destinations destinations, NotificationServiceConfig config) {
        this.messages = messages;
        this.destinations = destinations;
        this.timeout = config.delivery().timeout();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public SendResult send(Outbound out) {
        long started = System.nanoTime();
        String refused = destinations.urlRule(out.url(), true);
        if (refused != null) {
            return SendResult.failed(null, "url " + refused, false, null, 0);
        }
        boolean webhook = out.channel().equals(Subscription.WEBHOOK);
        byte[] body = webhook ? messages.webhook(out) : messages.chat(out);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(out.url())).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", "Shiplog-Webhooks/1")
                .header(WebhookSignature.DELIVERY, out.deliveryId())
                .header(WebhookSignature.ATTEMPT, Integer.toString(out.attempt()))
                .header(WebhookSignature.EVENT, out.notification().kind())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (webhook) {
            long timestamp = Instant.now().getEpochSecond();
            request.header(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
                    .header(WebhookSignature.SIGNATURE, WebhookSignature.header(out.secrets(), timestamp, body));
        }
        try {
            HttpResponse<Void> answer = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int latency = millisSince(started);
            int status = answer.statusCode();
            if (status >= 200 && status < 300) {
                return SendResult.delivered(status, latency);
            }
            if (status >= 500 || status == 429) {
                return SendResult.failed(status, "answered " + status, true,
                        retryAfter(answer.headers().firstValue("Retry-After").orElse(null)), latency);
            }
            return SendResult.failed(status, "answered " + status + (status < 400 ? " (redirects are not followed)"
                    : " (not retried)"), false, null, latency);
        } catch (HttpTimeoutException e) {
            return SendResult.failed(null, "no answer within " + timeout.toMillis() + " ms", true, null,
                    millisSince(started));
        } catch (IOException e) {
            return SendResult.failed(null, "could not be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), true, null, millisSince(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.failed(null, "interrupted (the service stopped)", true, null, millisSince(started));
        }
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable; at most an hour. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Duration after;
        try {
            after = Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            try {
                after = Duration.between(Instant.now(), ZonedDateTime.parse(value.trim(),
                        DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException dateError) {
                return null;
            }
        }
        if (after.isNegative()) {
            return Duration.ZERO;
        }
        return after.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : after;
    }

    static int millisSince(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }
}
