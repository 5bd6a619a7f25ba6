package dev.trustgate.application.transaction;

import dev.trustgate.application.port.out.Transactions;
import java.util.function.UnaryOperator;

/**
 * The transactions trustgate's use cases run in, composed over the storage's own: the decorators the
 * composer chooses (retry, group commit) between {@link TransactionScope#joining} outermost and
 * {@link TransactionScope#opening} right over the storage, so every composition keeps the one joining rule
 * and ends its work (events last) inside the storage transaction, on every attempt.
 *
 * <p>Two compositions: one for every use case, one for webhook intake, which may commit concurrent
 * webhooks together. Both share one scope, so work of one that calls the other joins it.
 */
public final class UseCaseTransactions {

    private final TransactionScope scope;
    private final Transactions useCases;
    private final Transactions webhookIntake;

    private UseCaseTransactions(TransactionScope scope, Transactions useCases, Transactions webhookIntake) {
        this.scope = scope;
        this.useCases = useCases;
        this.webhookIntake = webhookIntake;
    }

    /**
     * @param storage       the storage adapter's transactions (one per call, nested calls refused)
     * @param useCases      decorates the storage's transactions for every use case but webhook intake
     * @param webhookIntake decorates them for webhook intake
     */
    public static UseCaseTransactions compose(Transactions storage, UnaryOperator<Transactions> useCases,
                                              UnaryOperator<Transactions> webhookIntake) {
        TransactionScope scope = new TransactionScope();
        Transactions opened = scope.opening(storage);
        return new UseCaseTransactions(scope, scope.joining(useCases.apply(opened)), scope.joining(webhookIntake.apply(opened)));
    }

    /**
     * The server's composition, for tests and embedding products: every use case retried with
     * {@link Retry.BackOff#DEFAULT}; webhook intake committed in groups (one writer, up to 64 per
     * transaction), each caller retried on its own. Sends are not grouped: measured, a shared writer slowed
     * the two transactions of each gated send.
     */
    public static UseCaseTransactions standard(Transactions storage) {
        return compose(storage, Retry::new,
                opened -> new Retry(new GroupCommit(opened, GroupCommit.DEFAULT_WRITERS, GroupCommit.DEFAULT_BATCH)));
    }

    /** Every use case's transactions but webhook intake's. */
    public Transactions useCases() {
        return useCases;
    }

    /** Webhook intake's transactions. */
    public Transactions webhookIntake() {
        return webhookIntake;
    }

    /** The scope both run in: where work leaves what it does at the end of its transaction. */
    public TransactionScope scope() {
        return scope;
    }
}
