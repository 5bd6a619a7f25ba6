package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.Caller;
import dev.trustgate.application.port.in.ManageApiKeysUseCase;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticateApiKeyServiceTest extends ServiceTestSupport {

    @Test
    void aKeyStandsForItsOwnBusinessNumbersUnderItsId() {
        ManageApiKeysUseCase.Created created = services.apiKeys.create(
                new ManageApiKeysUseCase.CreateCommand(ADMIN, "crm", Set.of(BUSINESS)));

        Optional<Caller> caller = services.authenticate.authenticate(created.key());

        assertThat(caller).hasValueSatisfying(c -> {
            assertThat(c.actor().id()).isEqualTo(created.apiKey().id());
            assertThat(c.admin()).isFalse();
            assertThat(c.businesses()).containsExactly(BUSINESS);
        });
    }

    @Test
    void revokedUnknownAndMalformedKeysStandForNobody() {
        ManageApiKeysUseCase.Created created = services.apiKeys.create(
                new ManageApiKeysUseCase.CreateCommand(ADMIN, "crm", Set.of(BUSINESS)));
        services.apiKeys.revoke(ADMIN, created.apiKey().id());

        assertThat(services.authenticate.authenticate(created.key())).isEmpty();
        assertThat(services.authenticate.authenticate("tg_" + "x".repeat(43))).isEmpty();
        assertThat(services.authenticate.authenticate(null)).isEmpty();
        assertThat(services.authenticate.authenticate(" ")).isEmpty();
        assertThat(services.authenticate.authenticate("tg_" + "x".repeat(300))).isEmpty();
    }

    @Test
    void theAdminKeyStandsForTheAdmin() {
        services.apiKeys.ensureAdminKey(Optional.of("configured-admin-key-0123456789"));

        assertThat(services.authenticate.authenticate("configured-admin-key-0123456789"))
                .hasValueSatisfying(c -> assertThat(c.admin()).isTrue());
    }
}
