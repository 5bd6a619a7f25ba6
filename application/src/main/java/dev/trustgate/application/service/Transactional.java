package dev.trustgate.application.service;

import java.util.function.Supplier;

/** Runs a use case's work in a transaction: {@link Retry} one by one, {@link GroupCommit} together with others. */
public interface Transactional {

    <T> T inTransaction(Supplier<T> work);
}
