package com.example.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The jars a product gets carry stable module names, so a product on the module path can
 * {@code requires dev.trustgate.application;} whatever the jar's file is called. Checked on the jars the build
 * packaged ({@code mvn verify}); when the class path has the classes folders instead (an IDE, {@code mvn test}),
 * there is no jar to look at.
 */
class PublishedJarsTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "dev.trustgate.domain.ContactTrust, dev.trustgate.domain",
            "dev.trustgate.application.service.TrustgateServices, dev.trustgate.application"})
    void theDomainAndTheApplicationNameTheirModules(String className, String moduleName) throws Exception {
        Class<?> type = Class.forName(className);
        Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        assumeTrue(Files.isRegularFile(location), () -> "classes come from " + location + ", not a packaged jar");
        assertThat(automaticModuleName(location)).isEqualTo(moduleName);
    }

    private static String automaticModuleName(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
        }
    }
}
