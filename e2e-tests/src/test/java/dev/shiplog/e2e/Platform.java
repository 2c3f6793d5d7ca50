package dev.shiplog.e2e;

/** Where the services of {@code ./shiplog up} answer. */
final class Platform {
    static final String DEPLOYMENT_API = "http://127.0.0.1:8080";
    static final String PIPELINE_WORKER = "http://127.0.0.1:8082";
    static final String ENVIRONMENT_SERVICE = "http://127.0.0.1:8083";
    static final String NOTIFICATION_SERVICE = "http://127.0.0.1:8084";
    static final String[] SERVICES = { DEPLOYMENT_API, PIPELINE_WORKER, ENVIRONMENT_SERVICE, NOTIFICATION_SERVICE };

    static final java.time.Duration WAIT = java.time.Duration.ofSeconds(90);

    /**
     * POSTs a deployment until the gateway accepts it: it learns that a new environment exists from the log, and
     * answers 400 naming the environment until then. Returns the deployment id.
     */
    static String deploy(String body, String idempotencyKey) {
        return org.awaitility.Awaitility.await().atMost(WAIT).until(() -> {
            var response = io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                    .header("X-Shiplog-User", "ada").header("Idempotency-Key", idempotencyKey).body(body)
                    .post(DEPLOYMENT_API + "/api/deployments");
            return response.statusCode() == 202 ? response.jsonPath().getString("id") : null;
        }, java.util.Objects::nonNull);
    }

    /** Waits until the deployment is over; returns it as the API shows it. */
    static io.restassured.path.json.JsonPath finished(String id, java.time.Duration timeout) {
        return org.awaitility.Awaitility.await().atMost(timeout).pollInterval(java.time.Duration.ofMillis(250)).until(
                () -> io.restassured.RestAssured.given().get(DEPLOYMENT_API + "/api/deployments/" + id).then()
                        .extract().jsonPath(),
                d -> java.util.List.of("success", "failed", "cancelled").contains(d.getString("status")));
    }

    private Platform() {
    }
}
