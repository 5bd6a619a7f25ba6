package dev.trustgate.adapters.camara;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The CAMARA adapter implements the operator port with the JDK's HttpClient; it never reaches into other adapters. */
@AnalyzeClasses(packages = "dev.trustgate.adapters.camara", importOptions = ImportOption.DoNotIncludeTests.class)
class CamaraArchitectureTest {

    @ArchTest
    static final ArchRule staysOutOfOtherAdaptersAndTheUseCases = noClasses()
            .that().resideInAPackage("dev.trustgate.adapters.camara..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.trustgate.adapters.whatsapp..", "dev.trustgate.adapters.http..",
                    "dev.trustgate.adapters.persistence..", "dev.trustgate.adapters.notify..", "dev.trustgate.adapters.infobip..",
                    "dev.trustgate.bootstrap..", "dev.trustgate.application.service..", "dev.trustgate.testkit..", "io.javalin..",
                    "org.jdbi..")
            .allowEmptyShould(false);
}
