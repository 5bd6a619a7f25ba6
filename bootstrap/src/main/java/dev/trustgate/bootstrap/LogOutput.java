package dev.trustgate.bootstrap;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Puts the console's log lines in the configured format: logback's text pattern ({@link LogSetup}) for people,
 * or logback's own JSON encoder, one object per line, for log platforms. Both carry the same message (phone numbers
 * masked where it is written) and the request id.
 */
final class LogOutput {

    /** The logging context's property that holds the text pattern ({@link LogSetup}). */
    static final String TEXT_PATTERN = "trustgate.text.pattern";

    private LogOutput() {
    }

    static void use(Config.LogFormat format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another logging backend: it is configured its own way
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        for (Appender<ILoggingEvent> appender : appenders) {
            if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
                boolean json = console.getEncoder() instanceof JsonEncoder;
                if (format == Config.LogFormat.JSON && !json) {
                    replace(console, json(context));
                } else if (format == Config.LogFormat.TEXT && json && context.getProperty(TEXT_PATTERN) != null) {
                    replace(console, text(context));
                }
            }
        }
    }

    private static void replace(ConsoleAppender<ILoggingEvent> console, Encoder<ILoggingEvent> encoder) {
        console.stop();
        console.setEncoder(encoder);
        console.start();
    }

    /**
     * Level, time (epoch milliseconds), thread, logger, MDC (the request id), the message as the text format writes
     * it, and a throwable when there is one; the message template and its raw arguments are left out, so nothing
     * reaches the log that the text format would not show.
     */
    static JsonEncoder json(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithKVPList(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }

    private static PatternLayoutEncoder text(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(context.getProperty(TEXT_PATTERN));
        encoder.start();
        return encoder;
    }
}
