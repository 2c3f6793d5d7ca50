package dev.shiplog.notification.service;

import dev.shiplog.kit.access.AccessGuard;
import dev.shiplog.kit.rest.NotFoundException;
import dev.shiplog.notification.domain.SubscriptionState;
import dev.shiplog.notification.repository.SubscriptionStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The subscription a command names, as this service's view has it: its ids checked first, then a 404 for one that is
 * not the project's (to a caller who may read the project at all; anyone else gets the 403 of that).
 */
@ApplicationScoped
public class SubscriptionLookup {

    private final AccessGuard access;
    private final SubscriptionStore store;

    public SubscriptionLookup(AccessGuard access, SubscriptionStore store) {
        this.access = access;
        this.store = store;
    }

    public SubscriptionState existing(String projectId, String id) {
        Inputs.project(projectId);
        Inputs.uuid("subscriptionId", id);
        return QuarkusTransaction.requiringNew().call(() -> store.find(id))
                .filter(s -> s.subscription().projectId().equals(projectId))
                .orElseThrow(() -> {
                    access.requireToRead(access.caller(), projectId);
                    return new NotFoundException("No subscription " + id + " in project " + projectId);
                });
    }
}
