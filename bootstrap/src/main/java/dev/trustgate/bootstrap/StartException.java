package dev.trustgate.bootstrap;

/** The server could not start; the message is one line naming the cause in the operator's terms. */
final class StartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StartException(String message, Throwable cause) {
        super(message, cause);
    }
}
