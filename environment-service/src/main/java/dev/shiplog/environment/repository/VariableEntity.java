package dev.shiplog.environment.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** One variable of an environment: a plain value, or a secret's sealed value (key id and ciphertext). */
@Entity
@Table(name = "environment_variable")
@IdClass(VariableEntity.Key.class)
public class VariableEntity extends PanacheEntityBase {
    @Id
    @Column(name = "project_id")
    public String projectId;
    @Id
    public String environment;
    @Id
    public String name;
    public boolean secret;
    public String value;
    @Column(name = "key_id")
    public String keyId;
    public String ciphertext;

    public static List<VariableEntity> of(String projectId, String environment) {
        return list("projectId = ?1 and environment = ?2 order by name", projectId, environment);
    }

    /** Composite key: project, environment, name. */
    public static class Key implements Serializable {
        public String projectId;
        public String environment;
        public String name;

        public Key() {
        }

        public Key(String projectId, String environment, String name) {
            this.projectId = projectId;
            this.environment = environment;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.projectId.equals(projectId) && k.environment.equals(environment)
                    && k.name.equals(name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(projectId, environment, name);
        }
    }
}
