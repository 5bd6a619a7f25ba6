package dev.trustgate.bootstrap;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The hexagon across every module: the dependency direction of DESIGN §1, adapters apart, and no cycles anywhere. */
@AnalyzeClasses(packages = "dev.trustgate",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

    /** Test fakes shared as test-jars are not part of the product. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-classes/");
        }
    }

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Domain").definedBy("dev.trustgate.domain..")
            .layer("Application").definedBy("dev.trustgate.application..")
            .layer("Http").definedBy("dev.trustgate.adapters.http..")
            .layer("Persistence").definedBy("dev.trustgate.adapters.persistence..")
            .layer("WhatsApp").definedBy("dev.trustgate.adapters.whatsapp..")
            .layer("Notify").definedBy("dev.trustgate.adapters.notify..")
            .layer("Infobip").definedBy("dev.trustgate.adapters.infobip..")
            .layer("Camara").definedBy("dev.trustgate.adapters.camara..")
            .layer("Bootstrap").definedBy("dev.trustgate.bootstrap..")
            .whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer()
            .whereLayer("Http").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Persistence").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("WhatsApp").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Notify").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Infobip").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Camara").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Http", "Persistence", "WhatsApp", "Notify", "Infobip", "Camara",
                    "Bootstrap")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "Http", "Persistence", "WhatsApp", "Notify", "Infobip",
                    "Camara", "Bootstrap")
            .allowEmptyShould(false);

    /** Each adapter (camara, http, infobip, notify, persistence, whatsapp) stands alone: only bootstrap puts them together. */
    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = slices().matching("dev.trustgate.adapters.(*)..")
            .should().notDependOnEachOther().allowEmptyShould(false);

    @ArchTest
    static final ArchRule noCycles = slices().matching("dev.trustgate.(**)").should().beFreeOfCycles()
            .allowEmptyShould(false);
}
