package dev.trustgate.adapters.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Handlers drive use cases through their input ports; they never touch storage, WhatsApp or the services. */
@AnalyzeClasses(packages = "dev.trustgate.adapters.http", importOptions = ImportOption.DoNotIncludeTests.class)
class HttpArchitectureTest {

    @ArchTest
    static final ArchRule drivesPortsOnly = noClasses().that().resideInAPackage("dev.trustgate.adapters.http..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.trustgate.adapters.persistence..", "dev.trustgate.adapters.notify..",
                    "dev.trustgate.adapters.whatsapp..", "dev.trustgate.bootstrap..", "dev.trustgate.application.service..",
                    "org.jdbi..", "java.sql..")
            .allowEmptyShould(false);
}
