package dev.shiplog.deployment;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stand-ins for the services behind the gateway (environment-service, notification-service), on ports of their own:
 * each notes the last request it got and gives the answer it was told to give (by default 200 and a JSON body naming
 * it). A path ending in {@code /stream} is answered as a stream of two events, the second once {@link #release} is
 * called.
 */
public final class FakeUpstreams {

    /** A request as the service got it. */
    public record Seen(String method, String uri, String authorization, String contentType, String idempotencyKey,
            String body) {
    }

    /** An answer to give: status, content type, body, and one more header (null: none). */
    public record Answer(int status, String contentType, String body, String header, String value) {
    }

    static final Map<String, FakeUpstreams> RUNNING = new ConcurrentHashMap<>();

    private final String name;
    private final HttpServer server;
    private volatile Seen seen;
    private volatile Answer next;
    private volatile CountDownLatch streamGate = new CountDownLatch(1);

    private FakeUpstreams(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** The stand-in named {@code name}, started on first use; its base URL. */
    static String start(String name) {
        return "http://127.0.0.1:" + RUNNING.computeIfAbsent(name, n -> {
            try {
                return new FakeUpstreams(n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).server.getAddress().getPort();
    }

    static void stopAll() {
        RUNNING.values().forEach(f -> f.server.stop(0));
        RUNNING.clear();
    }

    public static FakeUpstreams of(String name) {
        return RUNNING.get(name);
    }

    /** The last request it got (null: none since {@link #answer}). */
    public Seen seen() {
        return seen;
    }

    /** The answer to the next requests (null: the default), forgetting the last one seen. */
    public void answer(Answer answer) {
        this.next = answer;
        this.seen = null;
        this.streamGate = new CountDownLatch(1);
    }

    /** Lets a stream send its second event. */
    public void release() {
        streamGate.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var headers = exchange.getRequestHeaders();
        seen = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                headers.getFirst("Authorization"), headers.getFirst("Content-Type"),
                headers.getFirst("Idempotency-Key"), body);
        if (exchange.getRequestURI().getPath().endsWith("/stream")) {
            stream(exchange);
            return;
        }
        Answer answer = next != null ? next
                : new Answer(200, "application/json", "{\"servedBy\": \"" + name + "\"}", null, null);
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        if (answer.contentType() != null) {
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        }
        if (answer.header() != null) {
            exchange.getResponseHeaders().add(answer.header(), answer.value());
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("event: notification\ndata: one\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                streamGate.await(20, TimeUnit.SECONDS); // the test releases it once it has read the first event
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("event: notification\ndata: two\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }
}
