package dev.trustgate.adapters.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.trustgate.adapters.http.support.AccessControl;
import dev.trustgate.adapters.http.support.HttpSettings;
import dev.trustgate.adapters.http.support.WebhookSignature;
import dev.trustgate.application.Caller;
import dev.trustgate.application.port.in.ManageApiKeysUseCase;

/**
 * Handlers drive use cases through their input ports; they never touch storage, WhatsApp or the services. The
 * adapter is split by whom it serves: WhatsApp's webhook intake ({@code whatsapp}), the business API ({@code api}),
 * the drop-in Cloud API ({@code cloudapi}) and the operator console ({@code console}) each use what they share in
 * {@code support} and never each other; {@link TrustgateHttpServer} alone puts them together. Who may call a route
 * is checked by {@link AccessControl} alone, from the route's declared access.
 */
@AnalyzeClasses(packages = "dev.trustgate.adapters.http", importOptions = ImportOption.DoNotIncludeTests.class)
class HttpArchitectureTest {

    private static final String HTTP = "dev.trustgate.adapters.http";

    @ArchTest
    static final ArchRule drivesPortsOnly = noClasses().that().resideInAPackage("dev.trustgate.adapters.http..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.trustgate.adapters.persistence..", "dev.trustgate.adapters.notify..",
                    "dev.trustgate.adapters.whatsapp..", "dev.trustgate.bootstrap..", "dev.trustgate.application.service..",
                    "org.jdbi..", "java.sql..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule webhookIntakeUsesOnlySupport = usesOnlySupport("whatsapp");

    @ArchTest
    static final ArchRule businessApiUsesOnlySupport = usesOnlySupport("api");

    @ArchTest
    static final ArchRule dropInCloudApiUsesOnlySupport = usesOnlySupport("cloudapi");

    @ArchTest
    static final ArchRule consoleUsesOnlySupport = usesOnlySupport("console");

    @ArchTest
    static final ArchRule signalIntakeUsesOnlySupport = usesOnlySupport("signals");

    @ArchTest
    static final ArchRule supportServesEveryPartAndKnowsNone = noClasses().that().resideInAPackage(HTTP + ".support..")
            .should().dependOnClassesThat().resideInAnyPackage(HTTP, HTTP + ".whatsapp..", HTTP + ".api..", HTTP + ".cloudapi..",
                    HTTP + ".console..", HTTP + ".signals..")
            .allowEmptyShould(false);

    /** A route's declared access is the one check in front of it: nothing else looks at keys, signatures or tokens. */
    @ArchTest
    static final ArchRule onlyAccessControlChecksCallers = noClasses().that().resideInAPackage(HTTP + "..")
            .and().doNotHaveFullyQualifiedName(AccessControl.class.getName())
            .should().callMethod(ManageApiKeysUseCase.class, "authenticate", String.class)
            .orShould().dependOnClassesThat().areAssignableTo(WebhookSignature.class)
            .orShould().callMethod(HttpSettings.class, "verifyToken")
            .orShould().callMethod(HttpSettings.class, "appSecret")
            .orShould().callMethod(HttpSettings.class, "metricsKey")
            .orShould().callMethod(HttpSettings.class, "simSwapSinkCredentials")
            .orShould().callMethod(Caller.class, "requireAdmin")
            .as("only AccessControl checks who calls a route")
            .allowEmptyShould(false);

    private static ArchRule usesOnlySupport(String part) {
        String[] others = java.util.stream.Stream.of("whatsapp", "api", "cloudapi", "console", "signals").filter(p -> !p.equals(part))
                .map(p -> HTTP + "." + p + "..").toArray(String[]::new);
        String[] forbidden = java.util.Arrays.copyOf(others, others.length + 1);
        forbidden[others.length] = HTTP;
        return noClasses().that().resideInAPackage(HTTP + "." + part + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .as("the " + part + " part of the HTTP adapter uses support only, never another part or the server")
                .allowEmptyShould(false);
    }
}
