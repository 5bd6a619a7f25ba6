package com.example.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The product runs trustgate with what trustgate's domain and application need, which is nothing: none of the
 * server's libraries, and none of its adapters, is on the product's class path (tests included). The build's
 * enforcer rule keeps them out of the dependency tree; this shows they are not there at run time either.
 */
class ClassPathTest {

    @ParameterizedTest(name = "{0} is not on the class path")
    @ValueSource(strings = {
            "io.javalin.Javalin",
            "org.jdbi.v3.core.Jdbi",
            "com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.core.JsonFactory",
            "com.zaxxer.hikari.HikariDataSource",
            "org.flywaydb.core.Flyway",
            "dev.trustgate.adapters.persistence.JdbiStorage",
            "dev.trustgate.adapters.http.TrustgateHttpServer",
            "dev.trustgate.adapters.whatsapp.CloudApiClient",
            "dev.trustgate.bootstrap.Main"})
    void theServersLibrariesAndAdaptersAreNotNeeded(String className) {
        assertThatThrownBy(() -> Class.forName(className, false, getClass().getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @ParameterizedTest(name = "{0} is on the class path")
    @ValueSource(strings = {"dev.trustgate.domain.ContactTrust", "dev.trustgate.application.service.TrustgateServices"})
    void theDomainAndTheApplicationAre(String className) throws ClassNotFoundException {
        assertThat(Class.forName(className, false, getClass().getClassLoader())).isNotNull();
    }
}
