package dev.trustgate.application;

import java.util.Map;

/**
 * A use case refused or could not finish a request. Carries the stable error code the HTTP layer
 * answers with and details safe to show the caller (never secrets or full phone numbers).
 */
public class TrustgateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient Map<String, Object> details;

    public TrustgateException(ErrorCode code, String message) {
        this(code, message, Map.of(), null);
    }

    public TrustgateException(ErrorCode code, String message, Map<String, Object> details) {
        this(code, message, details, null);
    }

    public TrustgateException(ErrorCode code, String message, Map<String, Object> details, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static TrustgateException notFound(String what) {
        return new TrustgateException(ErrorCode.NOT_FOUND, what + " not found");
    }
}
