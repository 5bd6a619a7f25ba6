package dev.trustgate.application.port.out;

/** Another writer changed the record since it was read; the use case retries from the start. */
public class ConcurrentUpdateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConcurrentUpdateException(String message) {
        super(message);
    }
}
