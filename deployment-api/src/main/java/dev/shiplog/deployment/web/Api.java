package dev.shiplog.deployment.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the dashboard reads: the gateway's own public API, over this machine's loopback, with the signed-in person's
 * credential. So a page shows exactly what the API lets that person see, by the API's rules (there is no second
 * home for any of them), and the services behind the gateway are reached as every client reaches them.
 */
@ApplicationScoped
public class Api {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** An answer of the API that is not a success: its status and the problem's detail. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String detail) {
            super(detail);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** GET {@code path} (already encoded, {@link #seg}) as {@code session}'s person: a JSON object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object(Session session, String path) {
        return (Map<String, Object>) get(session, path);
    }

    /** GET {@code path} as {@code session}'s person: a JSON array. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(Session session, String path) {
        return (List<Map<String, Object>>) get(session, path);
    }

    /** The raw body of GET {@code path} (logs as text, for the download). */
    public String text(Session session, String path) {
        return send(session, path).body();
    }

    private Object get(Session session, String path) {
        try {
            return json.readValue(send(session, path).body(), Object.class);
        } catch (IOException e) {
            throw new Refused(502, "the API's answer to " + path + " is not JSON");
        }
    }

    private HttpResponse<String> send(Session session, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(session.base() + path)).timeout(TIMEOUT)
                .header("Authorization", session.authorization()).header("Accept", "application/json").GET().build();
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Refused(503, "the gateway did not answer " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(503, "interrupted");
        }
        if (answer.statusCode() >= 300) {
            throw new Refused(answer.statusCode(), detail(answer.body()));
        }
        return answer;
    }

    private String detail(String body) {
        try {
            Object problem = json.readValue(body, Object.class);
            if (problem instanceof Map<?, ?> map && map.get("detail") != null) {
                return String.valueOf(map.get("detail"));
            }
        } catch (IOException e) {
            // not a problem document: the status says enough
        }
        return "the API refused the request";
    }

    /** {@code value} as one path segment or query value. */
    public static String seg(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
