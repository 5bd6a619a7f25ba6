package dev.trustgate.application.port.out;

/** An error the WhatsApp Graph API answered with, as it names it. */
public record GraphError(int code, String type, String message, String details, String fbtraceId) {
}
