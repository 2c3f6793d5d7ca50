package dev.shiplog.deployment.gateway;

import dev.shiplog.deployment.config.DeploymentApiConfig;
import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.kit.rest.ServiceUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The gateway's way to the services behind it: a request is passed on as it came (method, path, query, body, the
 * caller's credential), and the answer passed back as the service gave it (status, body, problem+json errors,
 * {@code Location} and the log position of a write). Each service checks the credential itself. A service that is
 * away is a 503 problem naming it.
 */
@ApplicationScoped
public class Upstream {

    /** The services behind the gateway. */
    public enum Service {
        ENVIRONMENTS("environment-service"), NOTIFICATIONS("notification-service"), PIPELINE("pipeline-worker");

        final String label;

        Service(String label) {
            this.label = label;
        }
    }

    static final List<String> PASSED_ON = List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key");
    static final List<String> PASSED_BACK = List.of("Content-Type", "Location", LogPosition.HEADER,
            "WWW-Authenticate");

    private final DeploymentApiConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public Upstream(DeploymentApiConfig config) {
        this.config = config;
    }

    /** The service's answer to the request, as it came to the gateway, with {@code body} (null: none). */
    public Response forward(Service service, String method, UriInfo uri, HttpHeaders headers, String body) {
        String base = switch (service) {
            case ENVIRONMENTS -> config.gateway().environmentService();
            case NOTIFICATIONS -> config.gateway().notificationService();
            case PIPELINE -> config.gateway().pipelineWorker();
        };
        String query = uri.getRequestUri().getRawQuery();
        URI target = URI.create(base.replaceAll("/+$", "") + uri.getRequestUri().getRawPath()
                + (query == null ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(config.gateway().timeout())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (String name : PASSED_ON) {
            String value = headers.getHeaderString(name);
            if (value != null && !(name.equals("Content-Type") && body == null)) {
                request.header(name, value);
            }
        }
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ServiceUnavailableException("The " + service.label + " is unavailable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("The " + service.label + " did not answer", e);
        }
        Response.ResponseBuilder out = Response.status(answer.statusCode());
        if (answer.body().length > 0) {
            out.entity(answer.body());
        }
        for (String name : PASSED_BACK) {
            answer.headers().firstValue(name).ifPresent(v -> out.header(name, v));
        }
        return out.build();
    }

    /** The log positions a service's answer to a write names (none if it names none). */
    public static List<LogPosition> positions(Response answer) {
        return LogPosition.parseAll(answer.getHeaderString(LogPosition.HEADER));
    }
}
