package dev.shiplog.deployment.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.function.Supplier;

/** Reads of this service's own tables, in the caller's transaction if it has one, else in one of their own. */
final class Tx {

    static <T> T read(Supplier<T> query) {
        return QuarkusTransaction.joiningExisting().call(query::get);
    }

    private Tx() {
    }
}
