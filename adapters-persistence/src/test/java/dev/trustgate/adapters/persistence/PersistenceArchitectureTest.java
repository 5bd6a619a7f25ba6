package dev.trustgate.adapters.persistence;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The persistence adapter implements output ports; it never reaches into other adapters or the use cases. */
@AnalyzeClasses(packages = "dev.trustgate.adapters.persistence", importOptions = ImportOption.DoNotIncludeTests.class)
class PersistenceArchitectureTest {

    @ArchTest
    static final ArchRule staysOutOfOtherAdapters = noClasses().that().resideInAPackage("dev.trustgate.adapters.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.trustgate.adapters.http..", "dev.trustgate.adapters.notify..",
                    "dev.trustgate.adapters.whatsapp..", "dev.trustgate.bootstrap..", "io.javalin..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule usesPortsNotServices = noClasses().that().resideInAPackage("dev.trustgate.adapters.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.trustgate.application.service..",
                    "dev.trustgate.application.port.in..")
            .allowEmptyShould(false);
}
