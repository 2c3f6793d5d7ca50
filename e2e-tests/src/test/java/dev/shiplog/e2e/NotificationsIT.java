package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shiplog.testing.TestAuth;
import dev.shiplog.testing.TestGitRepo;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Notifications reaching people, on the running platform: subscriptions through the gateway, webhooks received by
 * real HTTP receivers that verify the signature as the README says (and refuse a replay), retries and dead letters,
 * a slow or dead receiver holding up no one else, Slack-shaped chat messages, emails read back from the local SMTP
 * server, nothing lost or sent twice (in effect) when the service is killed -9 in the middle of a burst, and the
 * feed with read marks and its live stream. The deployments that make the notifications wait for an approval, so
 * no build runs.
 */
class NotificationsIT {

    static final String GATEWAY = Platform.DEPLOYMENT_API;
    static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aReceiverThatFailsTwiceGetsThreeSignedAttemptsAndOneDeliveryAndRefusesAReplay() throws Exception {
        String project = project("retry");
        String secret = "whsec-" + UUID.randomUUID();
        try (Receiver receiver = new Receiver(secret, Duration.ofSeconds(2), n -> n <= 2 ? 503 : 200)) {
            String subscription = subscribe(project, webhook(receiver, secret, "approval_requested"));
            String deployment = deploy(project);
            await().atMost(WAIT).until(() -> receiver.delivered() == 1);
            Receiver.Received first = receiver.requests.get(0);
            assertEquals(3, receiver.requests.size(), "three attempts");
            assertTrue(receiver.requests.stream().allMatch(r -> r.deliveryId().equals(first.deliveryId())
                    && r.signed()), "one delivery id, every attempt signed");
            JsonPath body = JsonPath.from(first.body());
            assertEquals(1, body.getInt("version"));
            assertEquals("approval_requested", body.getString("notification.kind"));
            assertEquals(deployment, body.getString("notification.deploymentId"));
            assertEquals(first.deliveryId(), body.getString("deliveryId"));
            JsonPath listed = await().atMost(WAIT).until(() -> given().get(GATEWAY + "/api/projects/" + project
                    + "/subscriptions/" + subscription + "/deliveries").then().statusCode(200).extract().jsonPath(),
                    d -> "delivered".equals(d.getString("[0].state")));
            assertEquals(List.of(503, 503, 200), listed.getList("[0].attemptLog.statusCode"));
            assertEquals(List.of(1, 2, 3), listed.getList("[0].attemptLog.attempt"));
            // a replay of the delivered request once its timestamp is old: refused by the receiver's check
            long timestamp = Long.parseLong(receiver.requests.get(2).timestamp());
            await().atMost(WAIT).until(() -> Instant.now().getEpochSecond() > timestamp + 2);
            assertEquals(401, receiver.replay(receiver.requests.get(2), null));
            // the same signature on another body, with a fresh timestamp: refused too
            assertEquals(401, receiver.replay(receiver.requests.get(2), Long.toString(Instant.now().getEpochSecond())));
            assertEquals(1, receiver.delivered());
        }
    }

    @Test
    void aDeadReceiverIsDeadLetteredWhileTheOthersAreServedOnTime() throws Exception {
        String project = project("dead");
        String secret = "whsec-" + UUID.randomUUID();
        AtomicInteger deadAnswers = new AtomicInteger(500);
        try (Receiver dead = new Receiver(secret, Duration.ofMinutes(5), n -> deadAnswers.get());
                Receiver slow = new Receiver(secret, Duration.ofMinutes(5), n -> 200, Duration.ofSeconds(8));
                Receiver healthy = new Receiver(secret, Duration.ofMinutes(5), n -> 200)) {
            String deadOne = subscribe(project, webhook(dead, secret, "approval_requested").replace("}",
                    ", \"maxAttempts\": 3}"));
            subscribe(project, webhook(slow, secret, "approval_requested"));
            subscribe(project, webhook(healthy, secret, "approval_requested"));
            for (int i = 0; i < 3; i++) {
                deploy(project);
            }
            await().atMost(WAIT).until(() -> healthy.delivered() == 3);
            // served on time although one receiver fails and another takes 8 s per request
            for (Receiver.Received r : healthy.requests) {
                Instant occurred = Instant.parse(JsonPath.from(r.body()).getString("notification.occurredAt"));
                long late = Duration.between(occurred, r.at()).toMillis();
                assertTrue(late < 3000, "the healthy receiver got a delivery " + late + " ms after its event");
            }
            String deliveries = GATEWAY + "/api/projects/" + project + "/subscriptions/" + deadOne + "/deliveries";
            JsonPath deadLetters = await().atMost(WAIT).until(() -> given().queryParam("state", "dead")
                    .get(deliveries).then().statusCode(200).extract().jsonPath(), d -> d.getList("id").size() == 1);
            assertEquals(List.of(500, 500, 500), deadLetters.getList("[0].attemptLog.statusCode"));
            assertEquals(0, dead.delivered());
            // by hand, once the receiver is fixed
            deadAnswers.set(200);
            given().post(deliveries + "/" + deadLetters.getString("[0].id") + "/resend").then().statusCode(202);
            await().atMost(WAIT).until(() -> dead.delivered() >= 1);
            given().post(deliveries + "/" + deadLetters.getString("[0].id") + "/resend").then().statusCode(409);
        }
    }

    @Test
    void chatMessagesAreSlackShapedAndEmailsArriveAtTheSmtpServer() throws Exception {
        String project = project("chat");
        String address = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        try (Receiver chat = new Receiver(null, Duration.ofMinutes(5), n -> 200)) {
            subscribe(project, "{\"name\": \"chat\", \"channel\": \"chat\", \"url\": \"" + chat.url
                    + "\", \"kinds\": [\"approval_requested\"]}");
            // the mailbox exists before any mail can reach it: GreenMail makes a user at a first POP3 login and at a
            // first delivery, and a login after a delivery made it collides with the one the delivery made
            Pop3.openMailbox(address);
            subscribe(project, "{\"name\": \"mail\", \"channel\": \"email\", \"emails\": [\"" + address
                    + "\"], \"kinds\": [\"approval_requested\"]}");
            String deployment = deploy(project);
            await().atMost(WAIT).until(() -> chat.delivered() == 1);
            JsonPath message = JsonPath.from(chat.requests.get(0).body());
            assertTrue(message.getString("text").contains("waits for an approval"), message.prettify());
            assertEquals("section", message.getString("blocks[0].type"));
            assertTrue(message.getString("blocks[0].text.text").contains("/api/deployments/" + deployment),
                    message.prettify());
            // quoted-printable soft line breaks joined again
            String mail = await().atMost(WAIT).until(() -> Pop3.lastMessage(address), m -> m != null)
                    .replace("=\n", "");
            assertTrue(mail.contains("Subject: [Shiplog] " + project), mail);
            assertTrue(mail.contains("text/plain") && mail.contains("text/html"), mail);
            assertTrue(mail.contains(deployment), mail);
        }
    }

    @Test
    void theFeedIsPagedWithReadMarksPerReaderAndStreamsLive() throws Exception {
        String project = project("feed");
        String reader = "reader-" + project;
        given().contentType(ContentType.JSON).body("{\"role\": \"viewer\"}")
                .put(GATEWAY + "/api/projects/" + project + "/members/" + reader).then().statusCode(200);
        String readerToken = "Bearer " + TestAuth.jwt(reader);
        String feed = GATEWAY + "/api/projects/" + project + "/notifications";
        // the notification-service learns of the member from the log
        await().atMost(WAIT).until(() -> given().header("Authorization", readerToken).get(feed).statusCode() == 200);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest streamRequest = HttpRequest.newBuilder(URI.create(feed + "/stream?seconds=60"))
                .header("Authorization", readerToken).GET().build();
        HttpResponse<java.io.InputStream> stream = http.send(streamRequest, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        String first = deploy(project);
        deploy(project);
        // the stream has the first deployment's notifications as they came
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line;
            boolean seen = false;
            while (!seen && (line = lines.readLine()) != null) {
                seen = line.startsWith("data:") && line.contains(first);
            }
            assertTrue(seen, "the stream carried a notification of " + first);
        }
        JsonPath page = await().atMost(WAIT).until(() -> given().queryParam("size", 2).get(feed).then()
                .statusCode(200).extract().jsonPath(), p -> p.getLong("unread") >= 4);
        assertEquals(2, page.getList("items").size());
        String newest = page.getString("items[0].id");
        given().contentType(ContentType.JSON).body("{\"upTo\": \"" + newest + "\"}").post(feed + "/read").then()
                .statusCode(204);
        given().get(feed).then().statusCode(200).body("unread", equalTo(0)).body("items[0].read", equalTo(true));
        // another reader's marks are their own
        given().header("Authorization", readerToken).get(feed).then().statusCode(200)
                .body("items[0].read", equalTo(false));
        given().header("Authorization", readerToken).contentType(ContentType.JSON).body("{\"upTo\": \"nope\"}")
                .post(feed + "/read").then().statusCode(400).body("errors[0].field", equalTo("upTo"));
    }

    @Test
    void badSubscriptionsAreRefusedNamingTheField() {
        String project = project("bad");
        String base = GATEWAY + "/api/projects/" + project + "/subscriptions";
        Map<String, String> cases = Map.of(
                "{\"name\": \"x\", \"channel\": \"webhook\", \"url\": \"not a url\", \"secret\": \"0123456789abcdef\"}",
                "url",
                "{\"name\": \"x\", \"channel\": \"webhook\", \"url\": \"http://example.com/hook\","
                        + " \"secret\": \"0123456789abcdef\"}", "url",
                "{\"name\": \"x\", \"channel\": \"webhook\", \"url\": \"https://10.1.2.3/hook\","
                        + " \"secret\": \"0123456789abcdef\"}", "url",
                "{\"name\": \"x\", \"channel\": \"webhook\", \"url\": \"https://169.254.169.254/latest\","
                        + " \"secret\": \"0123456789abcdef\"}", "url",
                "{\"name\": \"x\", \"channel\": \"webhook\", \"url\": \"https://example.com/hook\"}", "secret",
                "{\"name\": \"x\", \"channel\": \"webhook\", \"url\": \"https://example.com/hook\","
                        + " \"secret\": \"0123456789abcdef\", \"kinds\": [\"exploded\"]}", "kinds[0]",
                "{\"name\": \"x\", \"channel\": \"email\", \"emails\": [\"not-an-address\"]}", "emails[0]",
                "{\"name\": \"x\", \"channel\": \"webhook\", \"url\": \"http://127.0.0.1:8080/api/deployments\","
                        + " \"secret\": \"0123456789abcdef\"}", "url",
                "{\"name\": \"x\", \"channel\": \"pigeon\"}", "channel");
        cases.forEach((body, field) -> given().contentType(ContentType.JSON).body(body).post(base).then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", org.hamcrest.Matchers
                        .hasItem(field)));
        given().get(base).then().statusCode(200).body("size()", equalTo(0));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static String project(String what) {
        String project = "notify-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
        Platform.environment(project, "staging", "{\"approvalRequired\": true}");
        return project;
    }

    static String webhook(Receiver receiver, String secret, String kind) {
        return "{\"name\": \"hook\", \"channel\": \"webhook\", \"url\": \"" + receiver.url + "\", \"secret\": \""
                + secret + "\", \"kinds\": [\"" + kind + "\"]}";
    }

    static String subscribe(String project, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .post(GATEWAY + "/api/projects/" + project + "/subscriptions").then().statusCode(201).extract()
                .path("id");
    }

    /** A deployment that waits for an approval (nothing is built): a started and an approval_requested notification. */
    static String deploy(String project) {
        String repo = TestGitRepo.create(project + "-" + UUID.randomUUID().toString().substring(0, 4),
                Map.of("index.html", "hi\n")).path().toString();
        return deploy(project, repo, UUID.randomUUID().toString());
    }

    static String deploy(String project, String repo, String key) {
        return Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"staging\", \"version\": \"1\","
                + " \"gitUrl\": \"" + repo + "\", \"config\": {\"buildCommand\": \"true\"}}", key);
    }

    /**
     * A webhook receiver on this machine, as a user would write one: it checks the signature over
     * {@code "<timestamp>.<body>"} with the subscription's secret and that the timestamp is recent, answers what
     * {@code answer} says for the n-th attempt of a delivery, and counts each delivery id it accepted once.
     */
    static final class Receiver implements AutoCloseable {
        record Received(String deliveryId, String timestamp, String signature, String body, Instant at,
                boolean signed) {
        }

        final HttpServer server;
        final String url;
        final String secret;
        final Duration tolerance;
        final IntUnaryOperator answer;
        final Duration delay;
        final List<Received> requests = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final Map<String, Boolean> accepted = new ConcurrentHashMap<>();

        Receiver(String secret, Duration tolerance, IntUnaryOperator answer) throws IOException {
            this(secret, tolerance, answer, Duration.ZERO);
        }

        Receiver(String secret, Duration tolerance, IntUnaryOperator answer, Duration delay) throws IOException {
            this.secret = secret;
            this.tolerance = tolerance;
            this.answer = answer;
            this.delay = delay;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
            server.createContext("/hook", this::handle);
            server.start();
            url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        int delivered() {
            return accepted.size();
        }

        private void handle(HttpExchange exchange) throws IOException {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Instant at = Instant.now();
            String id = exchange.getRequestHeaders().getFirst("Shiplog-Delivery");
            String timestamp = exchange.getRequestHeaders().getFirst("Shiplog-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("Shiplog-Signature");
            boolean signed = secret == null || verify(timestamp, signature, body);
            requests.add(new Received(id, timestamp, signature, new String(body, StandardCharsets.UTF_8), at,
                    signed));
            int status;
            if (!signed) {
                status = 401;
            } else {
                status = answer.applyAsInt(attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet());
                if (!delay.isZero()) {
                    try {
                        Thread.sleep(delay.toMillis()); // a slow receiver, on purpose
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (status < 300) {
                    accepted.put(id, true);
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        }

        /** The README's check: a v1 signature matches (constant time) and the timestamp is within the tolerance. */
        boolean verify(String timestamp, String header, byte[] body) {
            if (timestamp == null || header == null) {
                return false;
            }
            long ts;
            try {
                ts = Long.parseLong(timestamp);
            } catch (NumberFormatException e) {
                return false;
            }
            if (Math.abs(Instant.now().getEpochSecond() - ts) > tolerance.toSeconds()) {
                return false;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
                byte[] expected = mac.doFinal(body);
                for (String part : header.split(",")) {
                    String value = part.trim();
                    if (value.startsWith("v1=") && MessageDigest.isEqual(expected,
                            HexFormat.of().parseHex(value.substring(3)))) {
                        return true;
                    }
                }
            } catch (Exception e) {
                return false;
            }
            return false;
        }

        /** Sends a received request again (with another timestamp when given): the status the receiver answers. */
        int replay(Received original, String timestamp) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Shiplog-Delivery", original.deliveryId())
                    .header("Shiplog-Timestamp", timestamp == null ? original.timestamp() : timestamp)
                    .header("Shiplog-Signature", original.signature())
                    .POST(HttpRequest.BodyPublishers.ofString(original.body())).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Reads the local mail server (GreenMail of ./shiplog up) over POP3, as any mail client would. */
    static final class Pop3 {
        /** Logs in once (GreenMail makes the user and its empty mailbox) and leaves. */
        static void openMailbox(String address) throws IOException {
            try (Socket socket = new Socket("127.0.0.1", 3110)) {
                socket.setSoTimeout(5000);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                OutputStream out = socket.getOutputStream();
                in.readLine();
                command(in, out, "USER " + address);
                command(in, out, "PASS " + address);
                command(in, out, "QUIT");
            }
        }

        static String lastMessage(String address) throws IOException {
            try (Socket socket = new Socket("127.0.0.1", 3110)) {
                socket.setSoTimeout(5000);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                OutputStream out = socket.getOutputStream();
                in.readLine();
                command(in, out, "USER " + address);
                command(in, out, "PASS " + address);
                String stat = command(in, out, "STAT");
                int count = Integer.parseInt(stat.split(" ")[1]);
                if (count == 0) {
                    command(in, out, "QUIT");
                    return null;
                }
                command(in, out, "RETR " + count);
                StringBuilder message = new StringBuilder();
                for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
                    message.append(line).append('\n');
                }
                command(in, out, "QUIT");
                return message.toString();
            }
        }

        private static String command(BufferedReader in, OutputStream out, String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = in.readLine();
            if (answer == null || !answer.startsWith("+OK")) {
                throw new IOException(line.split(" ")[0] + ": " + answer);
            }
            return answer;
        }
    }
}
