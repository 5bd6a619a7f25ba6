package dev.trustgate.bootstrap;

/** A start or a command failed; the message is one line naming the cause in the operator's terms, and what to do. */
final class OneLineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    OneLineException(String message, Throwable cause) {
        super(message, cause);
    }

    OneLineException(String message) {
        super(message);
    }
}
