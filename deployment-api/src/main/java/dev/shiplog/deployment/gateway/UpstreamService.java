package dev.shiplog.deployment.gateway;

/** The services behind the gateway, by the name a problem about them gives. */
public enum UpstreamService {
    ENVIRONMENTS("environment-service"), NOTIFICATIONS("notification-service"), PIPELINE("pipeline-worker");

    private final String label;

    UpstreamService(String label) {
        this.label = label;
    }

    /** Its name: environment-service, notification-service, pipeline-worker. */
    public String label() {
        return label;
    }
}
