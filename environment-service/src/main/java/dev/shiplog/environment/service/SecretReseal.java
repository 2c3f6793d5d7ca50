package dev.shiplog.environment.service;

import dev.shiplog.environment.domain.variables.VariableRules;
import dev.shiplog.environment.repository.VariableEntity;
import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.access.Actor;
import dev.shiplog.kit.access.Caller;
import dev.shiplog.kit.log.LogPosition;
import dev.shiplog.kit.secrets.SecretBox;
import dev.shiplog.kit.secrets.SecretUnavailableException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Seals again, with the current key, every secret sealed with another one (an instance administrator may, after
 * adding a new key). The old keys can go once no deployment that may be rolled back to holds a value they sealed.
 */
@ApplicationScoped
public class SecretReseal {

    private final EnvironmentLog log;
    private final AccessGuard access;
    private final SecretBox secrets;

    public SecretReseal(EnvironmentLog log, AccessGuard access, SecretBox secrets) {
        this.log = log;
        this.access = access;
        this.secrets = secrets;
    }

    /** What a reseal did: how many secrets it sealed again, and those it could not open (their key is gone). */
    public record Resealed(int resealed, List<String> unopenable) {
    }

    public Resealed reseal(Caller caller) {
        Actor actor = access.requireInstanceAdmin(caller, "secrets.reseal", null);
        List<VariableEntity> stale = QuarkusTransaction.requiringNew()
                .call(() -> VariableEntity.sealedWithOtherThan(secrets.currentKey()));
        LogPosition last = null;
        int resealed = 0;
        List<String> unopenable = new ArrayList<>();
        for (VariableEntity v : stale) {
            String value;
            try {
                value = secrets.open(v.sealed());
            } catch (SecretUnavailableException e) {
                // sealed with a key this service no longer has: left as it is, and said so
                unopenable.add(v.projectId + "/" + v.environment + "/" + v.name + " (key " + v.keyId + ")");
                continue;
            }
            last = log.write(v.ref(), VariableCommands.changed(v.ref(), actor,
                    VariableRules.secret(v.name, secrets.seal(v.name, value))));
            resealed++;
        }
        log.seen(last);
        return new Resealed(resealed, unopenable);
    }
}
