package dev.trustgate.application.transaction;

import dev.trustgate.application.port.out.Transactions;
import java.util.function.UnaryOperator;

/**
 * The transactions trustgate's use cases run in, composed over the storage's own: the decorators the
 * composer chooses (retry, group commit) between {@link TransactionScope#joining} outermost and
 * {@link TransactionScope#opening} right over the storage, so every composition keeps the one joining rule
 * and ends its work (events last) inside the storage transaction, on every attempt.
 *
 * <p>Two compositions: one for every use case, and one for the work that may commit together with concurrent
 * callers' work — webhook intake and the outcomes of sends. Both share one scope, so work of one that calls the
 * other joins it.
 */
public final class UseCaseTransactions {

    private final TransactionScope scope;
    private final Transactions useCases;
    private final Transactions grouped;

    private UseCaseTransactions(TransactionScope scope, Transactions useCases, Transactions grouped) {
        this.scope = scope;
        this.useCases = useCases;
        this.grouped = grouped;
    }

    /**
     * @param storage       the storage adapter's transactions (one per call, nested calls refused)
     * @param useCases decorates the storage's transactions for every use case but the grouped work
     * @param grouped  decorates them for webhook intake and the outcomes of sends
     */
    public static UseCaseTransactions compose(Transactions storage, UnaryOperator<Transactions> useCases,
                                              UnaryOperator<Transactions> grouped) {
        TransactionScope scope = new TransactionScope();
        Transactions opened = scope.opening(storage);
        return new UseCaseTransactions(scope, scope.joining(useCases.apply(opened)), scope.joining(grouped.apply(opened)));
    }

    /**
     * The server's composition, for tests and embedding products: every use case retried with
     * {@link Retry.BackOff#DEFAULT}; webhook intake and the outcomes of sends committed in groups (one writer,
     * up to 64 per transaction), each caller retried on its own. A send's decision is not grouped: it holds the
     * contact's row lock from the decision to its commit, and measured, a shared writer slowed it.
     */
    public static UseCaseTransactions standard(Transactions storage) {
        return compose(storage, Retry::new,
                opened -> new Retry(new GroupCommit(opened, GroupCommit.DEFAULT_WRITERS, GroupCommit.DEFAULT_BATCH)));
    }

    /** Every use case's transactions but webhook intake's. */
    public Transactions useCases() {
        return useCases;
    }

    /** The transactions of webhook intake and of the outcomes of sends: committed together with concurrent callers'. */
    public Transactions grouped() {
        return grouped;
    }

    /** The scope both run in: where work leaves what it does at the end of its transaction. */
    public TransactionScope scope() {
        return scope;
    }
}
