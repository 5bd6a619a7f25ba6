package dev.trustgate.adapters.persistence;

/**
 * The embedded H2 file is open in another process (a running trustgate, or a trustgate command): H2 lets
 * one process use a file at a time. Commands that find it so can turn to the running server instead.
 */
public final class DatabaseInUseException extends StorageStartException {

    private static final long serialVersionUID = 1L;

    public DatabaseInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
