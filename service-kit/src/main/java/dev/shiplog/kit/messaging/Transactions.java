package dev.shiplog.kit.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs work in a transaction of its own: committed if it returns, rolled back if it throws. */
@ApplicationScoped
public class Transactions {

    public void inNew(Runnable work) {
        QuarkusTransaction.requiringNew().run(work);
    }
}
