package dev.shiplog.e2e;

/** Where the services of {@code ./shiplog up} answer. */
final class Platform {
    static final String DEPLOYMENT_API = "http://127.0.0.1:8080";
    static final String PIPELINE_WORKER = "http://127.0.0.1:8082";
    static final String ENVIRONMENT_SERVICE = "http://127.0.0.1:8083";
    static final String NOTIFICATION_SERVICE = "http://127.0.0.1:8084";
    static final String[] SERVICES = { DEPLOYMENT_API, PIPELINE_WORKER, ENVIRONMENT_SERVICE, NOTIFICATION_SERVICE };

    private Platform() {
    }
}
