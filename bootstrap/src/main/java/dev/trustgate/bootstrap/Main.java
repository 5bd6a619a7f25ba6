package dev.trustgate.bootstrap;

import dev.trustgate.adapters.persistence.StorageStartException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/** {@code java -jar trustgate.jar [--config file]}: reads the configuration and serves until stopped. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Optional<Path> configFile = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                configFile = Optional.of(Path.of(args[++i]));
            } else if (!args[i].equals("serve")) {
                err.println("trustgate: unknown argument " + args[i] + " (usage: trustgate [serve] [--config file])");
                return 2;
            }
        }
        Config config;
        try {
            config = Config.load(System.getenv(), configFile);
        } catch (ConfigException e) {
            e.problems().forEach(problem -> err.println("trustgate: " + problem));
            return 2;
        }
        TrustgateServer server;
        try {
            server = TrustgateServer.start(config);
        } catch (StorageStartException e) {
            err.println("trustgate: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("trustgate: cannot start: " + firstLine(e));
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "trustgate-shutdown"));
        Banner.print(out, config, server);
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
