package dev.trustgate.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The server's logging, set up in code: text lines on standard output, libraries at WARN. Logback finds it through
 * {@code META-INF/services}; reading the same from a {@code logback.xml} loaded an XML parser and a few hundred
 * classes on every start, a quarter of a command's time. A {@code logback-test.xml} on the class path (tests) or
 * {@code -Dlogback.configurationFile} still wins. {@link LogOutput} swaps in JSON when configured.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    /** Time (UTC), level, request id, logger and message. */
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%X{requestId:--}] %logger{1} - %msg%n";

    private static final String[] QUIET = {"org.eclipse.jetty", "io.javalin", "org.flywaydb", "com.zaxxer.hikari", "org.jdbi"};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        context.putProperty(LogOutput.TEXT_PATTERN, TEXT_PATTERN);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        for (String name : QUIET) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
