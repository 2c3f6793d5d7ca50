package dev.shiplog.kit.tx;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Work that must wait for the current transaction's commit: a wake-up, a relay, a notice to waiters. */
public final class AfterCommit {

    /** Runs {@code action} once the current transaction has committed (never if it rolls back). */
    public static void run(TransactionSynchronizationRegistry transactions, Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }

    private AfterCommit() {
    }
}
