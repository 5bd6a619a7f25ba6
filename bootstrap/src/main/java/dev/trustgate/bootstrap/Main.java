package dev.trustgate.bootstrap;

import dev.trustgate.adapters.persistence.DatabaseInUseException;
import dev.trustgate.adapters.persistence.JdbiStorage;
import dev.trustgate.adapters.persistence.StorageStartException;
import dev.trustgate.application.Caller;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ManageApiKeysUseCase;
import dev.trustgate.application.port.in.AuditReport;
import dev.trustgate.application.port.in.VerifyAuditChainUseCase;
import dev.trustgate.application.port.out.ApiKey;
import dev.trustgate.application.service.ApiKeyCache;
import dev.trustgate.application.service.ManageApiKeysService;
import dev.trustgate.application.service.VerifyAuditChainService;
import dev.trustgate.application.transaction.Retry;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code trustgate} command line: serve (default), migrate, api-key, audit verify, simulate. */
@Command(name = "trustgate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Blocks messages to WhatsApp customers whose identity changed until the business acknowledges it.",
        subcommands = {Main.Serve.class, Main.Migrate.class, Main.ApiKeys.class, Main.Audit.class, Simulate.class,
                StartArchiveTraining.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "properties file with the same names as the environment variables (the environment wins)")
    Path config;

    private Map<String, String> environment = System.getenv();
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line; returns the exit code (0 ok, 1 failed, 2 bad usage or configuration). */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Main main = new Main();
        main.environment = environment;
        main.out = out;
        main.err = err;
        CommandLine line = new CommandLine(main);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.getSubcommands().get("serve").getCommandSpec().usageMessage().width(100).footer(environmentHelp());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException config) {
                config.problems().forEach(problem -> err.println("trustgate: " + problem));
                return 2;
            }
            err.println("trustgate: " + oneLine(e));
            return e instanceof StorageStartException || e instanceof OneLineException ? 2 : 1;
        });
        return line.execute(args);
    }

    @Override
    public Integer call() {
        return new Serve().serve(this);
    }

    /** The environment variables, their defaults and meanings, for {@code serve --help}. */
    static String environmentHelp() {
        StringBuilder help = new StringBuilder("%nEnvironment variables (or --config FILE with the same names):%n");
        Config.VARIABLES.forEach((name, about) -> help.append(String.format("  %s  %s%n      %s%n", name,
                about.shownDefault().startsWith("(") ? about.shownDefault() : "(default: " + about.shownDefault() + ")",
                about.meaning()).replace("%", "%%")));
        return help.append("%nEach is explained in docs/configuration.md.%n").toString();
    }

    Map<String, String> environment() {
        return environment;
    }

    PrintStream out() {
        return out;
    }

    static String oneLine(Throwable e) {
        if (e instanceof StorageStartException || e instanceof OneLineException || e instanceof ConfigException
                || e instanceof TrustgateException) {
            return e.getMessage().lines().findFirst().orElse("");
        }
        return JdbiStorage.rootMessage(e);
    }

    /** Reads the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"trustgate " + (version == null ? "(development build)" : version)};
        }
    }

    @Command(name = "serve", description = "Run the server (the default).", mixinStandardHelpOptions = true)
    static final class Serve implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Override
        public Integer call() {
            return serve(main);
        }

        int serve(Main main) {
            Config config;
            try {
                config = Config.load(main.environment, Optional.ofNullable(main.config));
            } catch (ConfigException e) {
                e.problems().forEach(problem -> main.err.println("trustgate: " + problem));
                return 2;
            }
            LogOutput.use(config.logFormat());
            TrustgateServer server;
            try {
                server = TrustgateServer.start(config);
            } catch (StorageStartException e) {
                main.err.println("trustgate: " + e.getMessage());
                return 2;
            } catch (RuntimeException e) {
                main.err.println("trustgate: cannot start: " + oneLine(e));
                return 2;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "trustgate-shutdown"));
            Banner.print(main.out, config, server);
            try {
                Thread.currentThread().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }

    /** Opens storage with the server's configuration, for the commands that work on the database directly. */
    static JdbiStorage storage(Main main) {
        return JdbiStorage.open(config(main).database());
    }

    static Config config(Main main) {
        return Config.load(main.environment, Optional.ofNullable(main.config));
    }

    /** The running server that holds the database, for a command that found it in use; needs the admin key. */
    static RunningServer holder(Main main, DatabaseInUseException inUse) {
        return RunningServer.holding(config(main), inUse, true, main.err);
    }

    @Command(name = "migrate", description = "Create or upgrade the database schema, then exit.", mixinStandardHelpOptions = true)
    static final class Migrate implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Override
        public Integer call() {
            try {
                storage(main).close();
                main.out.println("schema is up to date");
            } catch (DatabaseInUseException e) {
                RunningServer server = RunningServer.holding(config(main), e, false, main.err);
                main.out.println("schema is up to date (the trustgate running at " + server.url() + " migrated it when it started;"
                        + " to migrate it for another trustgate version, stop that one first)");
            }
            return 0;
        }
    }

    @Command(name = "api-key", description = "Create, list or revoke API keys (in the database, or through the running server that holds it).",
            mixinStandardHelpOptions = true, subcommands = {ApiKeys.Create.class, ApiKeys.ListKeys.class, ApiKeys.Revoke.class})
    static final class ApiKeys {
        @CommandLine.ParentCommand
        Main main;

        static ManageApiKeysService service(JdbiStorage storage) {
            return new ManageApiKeysService(new Retry(storage.transactions), storage.apiKeys, storage.subscriptions, new RandomIds(), new SystemClock(),
                    new SecureRandom(), new ApiKeyCache());
        }

        static final Caller OPERATOR = Caller.admin(new Actor("cli"));

        @Command(name = "create", description = "Create a key for business numbers; prints the key once.",
                mixinStandardHelpOptions = true)
        static final class Create implements Callable<Integer> {
            @CommandLine.ParentCommand
            ApiKeys parent;
            @Option(names = "--name", required = true, description = "what the key is for")
            String name;
            @Option(names = "--phone-number-id", required = true, description = "a business number the key may act for (repeatable)")
            List<String> businesses;

            @Override
            public Integer call() {
                String id;
                String key;
                try (JdbiStorage storage = storage(parent.main)) {
                    ManageApiKeysUseCase.Created created = service(storage).create(new ManageApiKeysUseCase.CreateCommand(OPERATOR,
                            name, businesses.stream().map(BusinessNumberId::new).collect(Collectors.toSet())));
                    id = created.apiKey().id();
                    key = created.key();
                } catch (DatabaseInUseException e) {
                    RunningServer.CreatedKey created = holder(parent.main, e).createKey(name, businesses);
                    id = created.id();
                    key = created.key();
                }
                parent.main.out.println("id:  " + id);
                parent.main.out.println("key: " + key + "   (shown once; stored only as a hash)");
                return 0;
            }
        }

        @Command(name = "list", description = "List keys (never the keys themselves).", mixinStandardHelpOptions = true)
        static final class ListKeys implements Callable<Integer> {
            @CommandLine.ParentCommand
            ApiKeys parent;

            @Override
            public Integer call() {
                try (JdbiStorage storage = storage(parent.main)) {
                    for (ApiKey key : service(storage).list(OPERATOR)) {
                        print(key.id(), key.name(), key.active(), key.admin() ? "(admin)" : key.businesses().stream()
                                .map(BusinessNumberId::value).sorted().collect(Collectors.joining(",")));
                    }
                } catch (DatabaseInUseException e) {
                    for (RunningServer.Key key : holder(parent.main, e).listKeys()) {
                        print(key.id(), key.name(), key.active(), String.join(",", key.phoneNumberIds()));
                    }
                }
                return 0;
            }

            private void print(String id, String name, boolean active, String businesses) {
                parent.main.out.printf("%-30s %-20s %-8s %s%n", id, name, active ? "active" : "revoked", businesses);
            }
        }

        @Command(name = "revoke", description = "Revoke a key by id.", mixinStandardHelpOptions = true)
        static final class Revoke implements Callable<Integer> {
            @CommandLine.ParentCommand
            ApiKeys parent;
            @Parameters(paramLabel = "ID", description = "the key's id, as api-key create and api-key list show it")
            String id;

            @Override
            public Integer call() {
                try (JdbiStorage storage = storage(parent.main)) {
                    service(storage).revoke(OPERATOR, id);
                } catch (DatabaseInUseException e) {
                    holder(parent.main, e).revokeKey(id);
                }
                parent.main.out.println("revoked " + id);
                return 0;
            }
        }
    }

    @Command(name = "audit", description = "Audit trail tools.", mixinStandardHelpOptions = true,
            subcommands = Audit.Verify.class)
    static final class Audit {
        @CommandLine.ParentCommand
        Main main;

        @Command(name = "verify", description = "Re-compute a business's event hash chain up to its head; exit 1 when it is broken, naming where and how.",
                mixinStandardHelpOptions = true)
        static final class Verify implements Callable<Integer> {
            @CommandLine.ParentCommand
            Audit parent;
            @Option(names = "--phone-number-id", required = true, paramLabel = "PNID",
                    description = "the business number (WhatsApp phone_number_id) whose event hash chain is verified")
            String business;

            @Override
            public Integer call() {
                AuditReport result;
                try (JdbiStorage storage = storage(parent.main)) {
                    result = new VerifyAuditChainService(new Retry(storage.transactions), storage.events)
                            .verify(new VerifyAuditChainUseCase.Query(ApiKeys.OPERATOR, new BusinessNumberId(business)));
                } catch (DatabaseInUseException e) {
                    result = holder(parent.main, e).verifyAudit(business);
                }
                long checked = result.checked();
                parent.main.out.println(result.firstBreak().map(broken -> "BROKEN at sequence " + broken.sequence() + ": "
                        + broken.problem().code() + ", " + meaning(broken.problem()) + " (" + checked + " checked)")
                        .orElse("valid: " + checked + " events checked"));
                return result.valid() ? 0 : 1;
            }

            /** What a kind of break means, in the operator's words. */
            private static String meaning(AuditReport.Problem problem) {
                return switch (problem) {
                    case EDITED -> "this event was changed after it was recorded";
                    case MISSING -> "this event was deleted from the middle of the chain";
                    case TRUNCATED -> "the chain ends before its head: the newest events, from this one on, were deleted";
                    case HEAD_MISMATCH -> "the chain's head does not match its events at this sequence";
                };
            }
        }
    }
}
