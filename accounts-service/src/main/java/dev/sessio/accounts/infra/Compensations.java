package dev.sessio.accounts.infra;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Undoes identity-provider calls when the database transaction they belong to does not commit (an error later in
 * the request, a unique-constraint race at commit, a crash of the commit itself). Keycloak and PostgreSQL share no
 * transaction, so this is how "nothing is created on any error" holds across both.
 */
@ApplicationScoped
public class Compensations {

    private final TransactionSynchronizationRegistry registry;

    public Compensations(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    /** Runs {@code undo} after the current transaction rolled back; needs an active transaction. */
    public void onRollback(String what, Runnable undo) {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    return;
                }
                try {
                    undo.run();
                    Log.infof("Compensated after rollback: %s", what);
                } catch (RuntimeException e) {
                    // Left for ops: the log names what to clean up by hand.
                    Log.errorf(e, "Compensation failed after rollback, clean up by hand: %s", what);
                }
            }
        });
    }
}
