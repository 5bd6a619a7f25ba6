package dev.trustgate.application.transaction;

import dev.trustgate.application.port.out.Transactions;
import java.util.function.UnaryOperator;

/**
 * The transactions trustgate's use cases run in, composed over the storage's own: the decorators the
 * composer chooses (retry, group commit) between {@link TransactionScope#joining} outermost and
 * {@link TransactionScope#opening} right over the storage, so every composition keeps the one joining rule
 * and ends its work (events last) inside the storage transaction, on every attempt.
 *
 * <p>Two compositions: one for every use case, and one for work that may commit together with concurrent
 * callers' work — webhook intake always, and sends (each send's decision, and its outcome) when the composer
 * says so ({@link Sends#GROUPED}). Both share one scope, so work of one that calls the other joins it.
 *
 * <p>Why sends are grouped only when asked: a grouped transaction holds the row locks of every caller's work in
 * it, taken in the order the callers came, not in the one order single transactions take them (contacts by
 * id). Where one node writes with one group writer (the embedded H2 file), the writers that lock several
 * contacts at once — webhook intake and sends — are all in that group; what else may wait for it in the other
 * order (a SIM-swap notice's contacts, a second group writer) ends in a deadlock H2 detects, and the loser is
 * run again (a lost race, {@link Retry}), never decided wrongly. Where several nodes share PostgreSQL, two nodes'
 * groups would meet that way far more often, each costing a second of the database's deadlock timeout, so there
 * sends stay one transaction each.
 */
public final class UseCaseTransactions {

    /** Whether sends commit with concurrent callers' work or in transactions of their own. */
    public enum Sends { ALONE, GROUPED }

    private final TransactionScope scope;
    private final Transactions useCases;
    private final Transactions grouped;
    private final Sends sends;

    private UseCaseTransactions(TransactionScope scope, Transactions useCases, Transactions grouped, Sends sends) {
        this.scope = scope;
        this.useCases = useCases;
        this.grouped = grouped;
        this.sends = sends;
    }

    /**
     * @param storage  the storage adapter's transactions (one per call, nested calls refused)
     * @param useCases decorates the storage's transactions for every use case but the grouped work
     * @param grouped  decorates them for webhook intake (and sends, when {@code sends} is {@link Sends#GROUPED})
     */
    public static UseCaseTransactions compose(Transactions storage, UnaryOperator<Transactions> useCases,
                                              UnaryOperator<Transactions> grouped, Sends sends) {
        TransactionScope scope = new TransactionScope();
        Transactions opened = scope.opening(storage);
        return new UseCaseTransactions(scope, scope.joining(useCases.apply(opened)), scope.joining(grouped.apply(opened)), sends);
    }

    /** {@link #compose(Transactions, UnaryOperator, UnaryOperator, Sends)} with each send a transaction of its own. */
    public static UseCaseTransactions compose(Transactions storage, UnaryOperator<Transactions> useCases,
                                              UnaryOperator<Transactions> grouped) {
        return compose(storage, useCases, grouped, Sends.ALONE);
    }

    /**
     * The server's composition on a database several nodes may share, for tests and embedding products: every use
     * case retried with {@link Retry.BackOff#DEFAULT}; webhook intake committed in groups (one writer, up to 64 per
     * transaction), each caller retried on its own; sends one transaction each.
     */
    public static UseCaseTransactions standard(Transactions storage) {
        return compose(storage, Retry::new,
                opened -> new Retry(new GroupCommit(opened, GroupCommit.DEFAULT_WRITERS, GroupCommit.DEFAULT_BATCH)));
    }

    /** Every use case's transactions but the grouped ones'. */
    public Transactions useCases() {
        return useCases;
    }

    /** Webhook intake's transactions: committed together with concurrent callers'. */
    public Transactions webhookIntake() {
        return grouped;
    }

    /** The transactions of sends (a send's decision, its outcome, a release's): grouped or not, as composed. */
    public Transactions sends() {
        return sends == Sends.GROUPED ? grouped : useCases;
    }

    /** The scope both run in: where work leaves what it does at the end of its transaction. */
    public TransactionScope scope() {
        return scope;
    }
}
