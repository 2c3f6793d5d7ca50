package dev.shiplog.cli.api;

import dev.shiplog.cli.config.Connection;
import dev.shiplog.cli.outcome.CliException;
import dev.shiplog.cli.outcome.ExitCode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The gateway's REST API over {@link HttpClient}: every call carries {@code Authorization: Bearer <token>}; a 2xx is
 * an {@link Answer}, a 4xx a refusal (exit 3, with the problem's words), a 5xx or no answer at all exit 5.
 */
public class GatewayClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final Connection connection;
    private final HttpClient http;

    public GatewayClient(Connection connection) {
        this.connection = connection;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Connection connection() {
        return connection;
    }

    public Answer get(String pathAndQuery) {
        return send(request(pathAndQuery).GET());
    }

    /** POSTs {@code json} (null: no body), with the extra {@code headers} (an Idempotency-Key, say). */
    public Answer post(String pathAndQuery, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(pathAndQuery);
        headers.forEach(request::header);
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return send(request);
    }

    /** POSTs the bytes of {@code file} as {@code contentType}. */
    public Answer upload(String pathAndQuery, Path file, String contentType) {
        try {
            return send(request(pathAndQuery).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)));
        } catch (FileNotFoundException e) {
            throw CliException.usage("cannot read " + file + ": no such file");
        }
    }

    /** Opens a Server-Sent Events stream: its answer's status is checked as any other's. */
    public EventStream stream(String path) {
        HttpRequest request = request(path).header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() >= 300) {
                try (InputStream body = response.body()) {
                    String text = new String(body.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8);
                    throw failure(response.statusCode(), text);
                }
            }
            return EventStream.start(response.body());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.unreachable("interrupted");
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(connection.url() + pathAndQuery))
                .timeout(REQUEST_TIMEOUT).header("Accept", "application/json")
                .header("User-Agent", "shiplog-cli");
        if (connection.hasToken()) {
            request.header("Authorization", "Bearer " + connection.token());
        }
        return request;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw failure(response.statusCode(), response.body());
            }
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.unreachable("interrupted");
        }
    }

    /** The exception for an answer that is not a success: a refusal (4xx) or the gateway's failure. */
    CliException failure(int status, String body) {
        int code = ExitCode.forHttpStatus(status);
        if (code == ExitCode.OK) {
            code = ExitCode.UNREACHABLE; // a redirect: not the gateway's API
        }
        String message = (code == ExitCode.REFUSED ? "refused: " : "the gateway failed: ")
                + Problems.describe(status, body);
        if (status == 401) {
            message += "\n" + (connection.hasToken() ? "the token from " + connection.tokenSource()
                    + " was not accepted" : "no token given") + ": shiplog login, --token or SHIPLOG_TOKEN";
        }
        boolean json = body != null && body.stripLeading().startsWith("{");
        return new CliException(code, message, json ? body : null);
    }

    private CliException unreachable(IOException e) {
        String why = e instanceof HttpTimeoutException ? "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s"
                : e instanceof ConnectException ? "connection refused"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return CliException.unreachable("cannot reach the gateway at " + connection.url() + " (from "
                + connection.urlSource() + "): " + why);
    }
}
