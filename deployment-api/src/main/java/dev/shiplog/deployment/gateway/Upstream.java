package dev.shiplog.deployment.gateway;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.kit.rest.ServiceUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The gateway's way to the services behind it: a request is passed on as it came (method, path, query, body, the
 * caller's credential), and the answer passed back as the service gave it (status, body, problem+json errors,
 * {@code Location} and the log position of a write). Each service checks the credential itself. A service that is
 * away is a {@link ServiceUnavailableException} naming it.
 */
@ApplicationScoped
public class Upstream {

    static final List<String> PASSED_ON = List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key");
    static final List<String> PASSED_BACK = List.of("Content-Type", "Location", LogPosition.HEADER,
            "WWW-Authenticate");

    /** A service's answer: its status, the headers passed back, its body (empty: none). */
    public record Answer(int status, Map<String, String> headers, byte[] body) {

        /** The log positions the answer to a write names (none if it names none). */
        public List<LogPosition> positions() {
            return LogPosition.parseAll(headers.get(LogPosition.HEADER));
        }
    }

    private final DeploymentApiConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public Upstream(DeploymentApiConfig config) {
        this.config = config;
    }

    /** Where {@code service} answers. */
    String base(UpstreamService service) {
        return switch (service) {
            case ENVIRONMENTS -> config.gateway().environmentService();
            case NOTIFICATIONS -> config.gateway().notificationService();
            case PIPELINE -> config.gateway().pipelineWorker();
        };
    }

    /**
     * The service's answer to {@code method} {@code pathAndQuery} (raw, as the request came), with the request's
     * headers ({@code header}: a header's value by name, null if absent) and {@code body} (empty: none).
     */
    public Answer forward(UpstreamService service, String method, String pathAndQuery,
            Function<String, String> header, byte[] body) {
        URI target = URI.create(base(service).replaceAll("/+$", "") + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(config.gateway().timeout())
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : PASSED_ON) {
            String value = header.apply(name);
            if (value != null && !(name.equals("Content-Type") && body.length == 0)) {
                request.header(name, value);
            }
        }
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ServiceUnavailableException("The " + service.label() + " is unavailable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("The " + service.label() + " did not answer", e);
        }
        Map<String, String> passedBack = new LinkedHashMap<>();
        for (String name : PASSED_BACK) {
            answer.headers().firstValue(name).ifPresent(v -> passedBack.put(name, v));
        }
        return new Answer(answer.statusCode(), passedBack, answer.body() == null ? new byte[0] : answer.body());
    }
}
