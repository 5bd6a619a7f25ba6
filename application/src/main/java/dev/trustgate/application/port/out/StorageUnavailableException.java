package dev.trustgate.application.port.out;

/** Storage cannot be reached or refused the work; nothing of the transaction was applied. */
public class StorageUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
