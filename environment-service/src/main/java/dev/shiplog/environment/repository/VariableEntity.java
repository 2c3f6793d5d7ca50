package dev.shiplog.environment.repository;

import dev.shiplog.environment.domain.Variable;
import dev.shiplog.environment.domain.variables.VariableRules;
import dev.shiplog.schema.EnvironmentRef;
import dev.shiplog.schema.common.SealedSecret;
import dev.shiplog.schema.environment.VariableChange;
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

    /** The variables of an environment, by name. */
    public static List<VariableEntity> of(EnvironmentRef ref) {
        return list("projectId = ?1 and environment = ?2 order by name", ref.projectId(), ref.environment());
    }

    public static VariableEntity find(EnvironmentRef ref, String name) {
        return findById(new Key(ref.projectId(), ref.environment(), name));
    }

    /** How many variables the environment has besides {@code name}. */
    public static long others(EnvironmentRef ref, String name) {
        return count("projectId = ?1 and environment = ?2 and name <> ?3", ref.projectId(), ref.environment(), name);
    }

    /** Every secret sealed with another key than {@code keyId}, in order. */
    public static List<VariableEntity> sealedWithOtherThan(String keyId) {
        return list("secret = true and keyId <> ?1 order by projectId, environment, name", keyId);
    }

    /** What {@code change} does to the environment's variables: sets one (a secret kept sealed) or removes it. */
    public static void apply(EnvironmentRef ref, VariableChange change) {
        VariableEntity row = find(ref, change.getName());
        Variable shown = VariableRules.shown(change);
        if (shown == null) {
            if (row != null) {
                row.delete();
            }
            return;
        }
        if (row == null) {
            row = new VariableEntity();
            row.projectId = ref.projectId();
            row.environment = ref.environment();
            row.name = change.getName();
        }
        row.secret = shown.secret();
        row.value = shown.value();
        row.keyId = change.getSealed() == null ? null : change.getSealed().getKeyId();
        row.ciphertext = change.getSealed() == null ? null : change.getSealed().getCiphertext();
        row.persist();
    }

    /** The environment's variables go (its project was deleted). */
    public static void deleteOf(EnvironmentRef ref) {
        of(ref).forEach(VariableEntity::delete);
    }

    /** The variable as the APIs show it: a secret never in clear. */
    public Variable shown() {
        return new Variable(name, secret, secret ? null : value, secret ? keyId : null);
    }

    /** A secret's sealed value. */
    public SealedSecret sealed() {
        return SealedSecret.newBuilder().setName(name).setKeyId(keyId).setCiphertext(ciphertext).build();
    }

    public EnvironmentRef ref() {
        return EnvironmentRef.of(projectId, environment);
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
