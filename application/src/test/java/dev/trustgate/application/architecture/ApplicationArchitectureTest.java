package dev.trustgate.application.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Use cases and ports depend on the domain and the JDK only; ports never on the services behind them. */
@AnalyzeClasses(packages = "dev.trustgate.application", importOptions = ImportOption.DoNotIncludeTests.class)
class ApplicationArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnlyOnDomainAndJdk = classes().that().resideInAPackage("dev.trustgate.application..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("dev.trustgate.application..", "dev.trustgate.domain..", "java..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule usesNoNetworking = noClasses().that().resideInAPackage("dev.trustgate.application..")
            .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.sql..", "java.io..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule portsDoNotDependOnServices = noClasses().that()
            .resideInAnyPackage("dev.trustgate.application.port..")
            .should().dependOnClassesThat().resideInAPackage("dev.trustgate.application.service..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule everyUseCaseIsAnInterface = classes().that().resideInAPackage("..port.in..")
            .and().haveSimpleNameEndingWith("UseCase").should().beInterfaces().allowEmptyShould(false);

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.trustgate.application.(**)")
            .should().beFreeOfCycles().allowEmptyShould(false);
}
