package dev.shiplog.notification.channel;

import dev.shiplog.notification.config.NotificationServiceConfig;
import dev.shiplog.notification.domain.Subscription;
import dev.shiplog.notification.domain.delivery.Answer;
import dev.shiplog.notification.domain.signature.WebhookSignature;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;

/**
 * Webhooks and chat messages: one POST per attempt, no redirect followed, answered within the delivery timeout;
 * a webhook signed ({@link WebhookSignature}). What the answer means ({@link Answer#http}) is the delivery rules'.
 * The destination is checked again, on what its host resolves to now, before each attempt.
 */
@ApplicationScoped
public class HttpChannel {

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
        String refused = destinations.urlRule(out.url());
        if (refused != null) {
            return SendResult.of(Answer.destinationRefused(refused), 0);
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
            request.header(WebhookSignature.TIMESTAMP, Long.toString(timestamp)).header(WebhookSignature.SIGNATURE,
                    WebhookSignature.header(out.secrets(), timestamp, body, HmacSha256.INSTANCE));
        }
        try {
            HttpResponse<Void> answer = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return SendResult.of(Answer.http(answer.statusCode(), answer.headers().firstValue("Retry-After")
                    .orElse(null), Instant.now()), millisSince(started));
        } catch (HttpTimeoutException e) {
            return SendResult.of(Answer.noAnswerWithin(timeout), millisSince(started));
        } catch (IOException e) {
            return SendResult.of(Answer.unreachable(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage())), millisSince(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.of(Answer.interrupted(), millisSince(started));
        }
    }

    static int millisSince(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }
}
