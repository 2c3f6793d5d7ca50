package dev.shiplog.schema;

import java.io.Serializable;
import java.util.Objects;

/**
 * One environment of one project: the one value type for "which environment" in every service, its domain, its
 * tables (as a JPA {@code @IdClass}: an entity with {@code @Id String projectId} and {@code @Id String environment})
 * and its Kafka key ({@link #key()}: {@code projectId/environment}, so one environment's history is totally ordered
 * in one partition). A plain class rather than a record so that JPA can use it as an id class.
 */
public final class EnvironmentRef implements Serializable, Comparable<EnvironmentRef> {

    private static final long serialVersionUID = 1L;

    private String projectId;
    private String environment;

    /** For JPA only. */
    protected EnvironmentRef() {
    }

    private EnvironmentRef(String projectId, String environment) {
        this.projectId = Objects.requireNonNull(projectId, "projectId");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    public static EnvironmentRef of(String projectId, String environment) {
        return new EnvironmentRef(projectId, environment);
    }

    /** The environment of a key {@code projectId/environment}; null when it is not one (no slash, or empty parts). */
    public static EnvironmentRef fromKey(String key) {
        int slash = key == null ? -1 : key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1 || key.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        return new EnvironmentRef(key.substring(0, slash), key.substring(slash + 1));
    }

    public String projectId() {
        return projectId;
    }

    public String environment() {
        return environment;
    }

    /** The Kafka key of everything about this environment. */
    public String key() {
        return projectId + "/" + environment;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EnvironmentRef ref && projectId.equals(ref.projectId)
                && environment.equals(ref.environment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(projectId, environment);
    }

    @Override
    public int compareTo(EnvironmentRef other) {
        int byProject = projectId.compareTo(other.projectId);
        return byProject != 0 ? byProject : environment.compareTo(other.environment);
    }

    @Override
    public String toString() {
        return key();
    }
}
