package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.testing.HostileValues;
import dev.shiplog.testing.TestAuth;
import dev.shiplog.testing.TestGitRepo;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of every service's OpenAPI document (so a new endpoint cannot be missed), driven with generated
 * bad input: hostile path and query parameters and headers, bodies that break the schema or are not JSON at all.
 * Never a 5xx (no component is down here); every 4xx an application/problem+json, every 400 naming the field. Then
 * the platform must still deploy for another project.
 *
 * <p>{@code ./shiplog test} sends {@code shiplog.fuzz.tries} (default 15) requests per endpoint; {@code ./shiplog
 * fuzz N} N. The seed is printed: {@code -Dshiplog.fuzz.seed=} replays a run.
 */
class FuzzIT {

    /** What a problem must never show: Java types, exceptions, the JSON parser's own words. */
    static final java.util.regex.Pattern INTERNALS = java.util.regex.Pattern.compile(
            "java\\.|javax\\.|jakarta\\.|com\\.fasterxml|io\\.quarkus|Exception|\\bat \\[Source");

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void badInputNeverBreaksAnEndpointAndThePlatformStillDeploys() throws Exception {
        int tries = Integer.getInteger("shiplog.fuzz.tries", 15);
        long seed = Long.getLong("shiplog.fuzz.seed", System.nanoTime());
        HostileValues hostile = new HostileValues(seed);
        System.out.printf("fuzz: %d requests per endpoint, seed %d%n", tries, seed);
        List<String> broken = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        int endpoints = 0;
        for (String service : Platform.SERVICES) {
            JsonPath openapi = given().get(service + "/q/openapi?format=json").then().statusCode(200).extract()
                    .jsonPath();
            Map<String, Map<String, Object>> paths = openapi.getMap("paths");
            // the schemas as a plain map, looked up once: each JsonPath lookup compiles a Groovy expression, which at
            // 2,000 requests per endpoint took longer than all the requests (./shiplog soak)
            Map<String, Object> schemas = openapi.getMap("components.schemas");
            for (var path : paths.entrySet()) {
                for (var operation : path.getValue().entrySet()) {
                    endpoints++;
                    @SuppressWarnings("unchecked")
                    Map<String, Object> op = (Map<String, Object>) operation.getValue();
                    for (int i = 0; i < tries; i++) {
                        Request request = request(hostile, schemas == null ? Map.of() : schemas, service, path.getKey(),
                                operation.getKey().toUpperCase(), op);
                        Answer answer = send(request);
                        statuses.merge(answer.status(), 1, Integer::sum);
                        String problem = judge(answer);
                        if (problem != null && broken.size() < 30) {
                            broken.add(request.method + " " + abbreviate(request.uri) + " -> " + answer.status()
                                    + " " + problem + " " + abbreviate(answer.body()));
                        }
                    }
                }
            }
        }
        System.out.printf("fuzz: %d endpoints, %d requests, statuses %s%n", endpoints, endpoints * tries, statuses);
        assertTrue(broken.isEmpty(), "seed " + seed + ": " + String.join("\n", broken));
        for (String service : Platform.SERVICES) {
            given().get(service + "/q/health/ready").then().statusCode(200);
        }
        stillDeploys();
    }

    /** An answer: its status, content type and body. */
    record Answer(int status, String contentType, String body) {
    }

    /** What is wrong with an answer to bad input, or null. */
    static String judge(Answer response) {
        int status = response.status();
        if (status < 0) {
            return "the connection ended without an answer";
        }
        if (status >= 500) {
            return "a server error";
        }
        if (status >= 400) {
            String type = response.contentType();
            if (!type.startsWith("application/problem+json")) {
                return "not a problem (" + type + ")";
            }
            if (status == 400 || status == 429) {
                // parsed, not queried: a JsonPath query compiles a Groovy expression each time (slow at length)
                Object problem;
                try {
                    problem = new groovy.json.JsonSlurper().parseText(response.body());
                } catch (RuntimeException e) {
                    return "a 400 whose body is not JSON";
                }
                if (INTERNALS.matcher(response.body()).find()) {
                    return "a 400 that names the platform's internals (a Java type or exception)";
                }
                Object errors = problem instanceof Map<?, ?> fields ? fields.get("errors") : null;
                if (!(errors instanceof List<?> list) || list.isEmpty()
                        || list.stream().anyMatch(e -> !(e instanceof Map<?, ?> m) || m.get("field") == null)) {
                    return "a 400 that names no field";
                }
            }
        }
        return null;
    }

    record Request(String method, String uri, Map<String, String> headers, String contentType, String body) {
    }

    @SuppressWarnings("unchecked")
    static Request request(HostileValues hostile, Map<String, Object> schemas, String service, String template,
            String method,
            Map<String, Object> op) {
        String path = template;
        StringBuilder query = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>();
        List<Map<String, Object>> parameters = (List<Map<String, Object>>) op.getOrDefault("parameters", List.of());
        for (Map<String, Object> parameter : parameters) {
            String name = (String) parameter.get("name");
            String in = (String) parameter.get("in");
            String value = hostile.string();
            if (name.equals("switch") && (value.equals("true") || value.equals("false") || value.isEmpty())) {
                value = "maybe"; // the rebuild endpoint: only ever bad values, never a real rebuild
            }
            boolean bounded = name.equals("seconds"); // a live stream: one that may be valid lasts a second
            if (bounded && value.chars().allMatch(Character::isDigit)) { // (empty too: the default is an hour)
                value = "1";
            }
            if (in.equals("path")) {
                path = path.replace("{" + name + "}", pathSegment(hostile, value));
            } else if (in.equals("query") && (name.equals("switch") || bounded || !hostile.chance(3))) {
                query.append(query.isEmpty() ? "?" : "&").append(name).append("=")
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            } else if (in.equals("header") && !hostile.chance(3) && headerSafe(value)) {
                headers.put(name, value);
            }
        }
        String contentType = null;
        String body = null;
        Map<String, Object> requestBody = (Map<String, Object>) op.get("requestBody");
        if (requestBody != null) {
            Map<String, Object> content = (Map<String, Object>) requestBody.get("content");
            contentType = content.keySet().iterator().next();
            if (contentType.contains("json") && !hostile.chance(4)) {
                Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) content.get(contentType))
                        .get("schema");
                body = hostile.object(properties(schemas, schema), nested(schemas, schema));
            } else {
                body = hostile.malformedBody();
            }
        }
        return new Request(method, service + path + query, headers, contentType, body);
    }

    /** A path segment: the value percent-encoded, or now and then as it is (raw % escapes, ..). */
    static String pathSegment(HostileValues hostile, String value) {
        if (value.isEmpty()) {
            return "%20";
        }
        if (hostile.chance(5) && value.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '?' && c != '#')) {
            return value;
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static boolean headerSafe(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && value.length() < 20_000;
    }

    @SuppressWarnings("unchecked")
    static List<String> properties(Map<String, Object> schemas, Map<String, Object> schema) {
        Map<String, Object> resolved = resolve(schemas, schema);
        Map<String, Object> properties = resolved == null ? null : (Map<String, Object>) resolved.get("properties");
        return properties == null ? List.of() : new ArrayList<>(properties.keySet());
    }

    @SuppressWarnings("unchecked")
    static Map<String, List<String>> nested(Map<String, Object> schemas, Map<String, Object> schema) {
        Map<String, Object> resolved = resolve(schemas, schema);
        Map<String, Object> properties = resolved == null ? null : (Map<String, Object>) resolved.get("properties");
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (properties != null) {
            properties.forEach((name, value) -> {
                List<String> inner = properties(schemas, (Map<String, Object>) value);
                if (!inner.isEmpty()) {
                    out.put(name, inner);
                }
            });
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> resolve(Map<String, Object> schemas, Map<String, Object> schema) {
        if (schema != null && schema.get("$ref") instanceof String ref) {
            return (Map<String, Object>) schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }

    Answer send(Request request) throws Exception {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(request.uri)).timeout(Duration.ofSeconds(30));
        } catch (IllegalArgumentException e) {
            return sendRaw(request); // a URI java.net will not even build: send it on a socket
        }
        request.headers.forEach(builder::header);
        if (!request.headers.containsKey("Authorization")) {
            builder.header("Authorization", "Bearer " + TestAuth.admin()); // past the door: the rules behind it
        }
        if (request.contentType != null) {
            builder.header("Content-Type", request.contentType);
        }
        builder.method(request.method, request.body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body));
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                    response.body());
        } catch (java.io.IOException e) {
            return new Answer(-1, "", "no answer: " + e.getMessage());
        }
    }

    /** Sends the request line as it is, with no body, and reads the answer. */
    static Answer sendRaw(Request request) throws Exception {
        URI base = URI.create(request.uri.substring(0, request.uri.indexOf('/', "http://".length())));
        String target = request.uri.substring(base.toString().length());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((request.method + " " + target + " HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer " + TestAuth.admin() + "\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = answer.indexOf("\r\n\r\n");
            String head = headEnd < 0 ? answer : answer.substring(0, headEnd);
            String type = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("");
            return new Answer(Integer.parseInt(head.split(" ")[1]), type,
                    headEnd < 0 ? "" : answer.substring(headEnd + 4));
        }
    }

    void stillDeploys() {
        String project = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        // the repository is deleted afterwards: a test run leaves nothing under /tmp/shiplog-git
        try (TestGitRepo repo = TestGitRepo.create(project, Map.of("index.html", "<h1>still here</h1>\n"))) {
            Platform.environment(project, "staging", "{}");
            String id = Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"staging\","
                    + " \"version\": \"1\", \"gitUrl\": \"" + repo.path() + "\"}", "after-fuzz");
            assertEquals("success", Platform.finished(id, Platform.WAIT).getString("status"));
        }
    }

    static String abbreviate(String text) {
        String printable = text == null ? "" : text.replaceAll("[\\p{Cntrl}]", "?");
        return printable.length() > 200 ? printable.substring(0, 200) + "..." : printable;
    }
}
