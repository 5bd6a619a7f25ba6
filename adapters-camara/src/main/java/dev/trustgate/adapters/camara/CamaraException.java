package dev.trustgate.adapters.camara;

/** The operator did not answer as its API says; the client turns it into an upstream error. */
final class CamaraException extends RuntimeException {

    CamaraException(String message) {
        super(message);
    }
}
