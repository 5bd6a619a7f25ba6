package dev.trustgate.adapters.persistence;

/** Storage could not be opened at start; the message is one line fit for an operator. */
public class StorageStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
