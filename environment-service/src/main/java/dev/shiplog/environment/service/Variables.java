package dev.shiplog.environment.service;

import dev.shiplog.environment.repository.VariableEntity;
import dev.shiplog.schema.environment.VariableChange;
import jakarta.enterprise.context.ApplicationScoped;

/** Each environment's variables, as EnvironmentVariablesChanged says: a plain value, or a secret kept sealed. */
@ApplicationScoped
public class Variables {

    void apply(String projectId, String environment, VariableChange change) {
        VariableEntity row = VariableEntity.findById(new VariableEntity.Key(projectId, environment, change.getName()));
        if (change.getRemoved()) {
            if (row != null) {
                row.delete();
            }
            return;
        }
        if (row == null) {
            row = new VariableEntity();
            row.projectId = projectId;
            row.environment = environment;
            row.name = change.getName();
        }
        row.secret = change.getSecret();
        row.value = change.getSecret() ? null : change.getValue();
        row.keyId = change.getSealed() == null ? null : change.getSealed().getKeyId();
        row.ciphertext = change.getSealed() == null ? null : change.getSealed().getCiphertext();
        row.persist();
    }
}
