package dev.shiplog.notification.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A subscription as the log says it is now (SubscriptionConfigured; deleted rows are gone). */
@Entity
@Table(name = "subscription")
public class SubscriptionEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "project_id")
    public String projectId;
    public String name;
    public String channel;
    public String url;
    @Column(name = "emails_json")
    public String emailsJson;
    @Column(name = "environments_json")
    public String environmentsJson;
    @Column(name = "kinds_json")
    public String kindsJson;
    public boolean paused;
    @Column(name = "max_attempts")
    public int maxAttempts;
    /** The sealed signing secret (SealedSecret as JSON), never the secret itself. */
    @Column(name = "secret_json")
    public String secretJson;
    @Column(name = "previous_secret_json")
    public String previousSecretJson;
    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static List<SubscriptionEntity> ofProject(String projectId) {
        return list("projectId = ?1 order by createdAt, id", projectId);
    }
}
