package dev.trustgate.adapters.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.out.WhatsAppGateway.SendOutcome;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.WaId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DryRunWhatsAppGatewayTest {

    private static final Recipient TO = Recipient.of(new WaId("16505551234"));

    @Test
    void sendsNothingButAnswersLikeWhatsAppAndRemembersWhatItWouldHaveSent() {
        DryRunWhatsAppGateway gateway = new DryRunWhatsAppGateway();

        SendOutcome outcome = gateway.send(new BusinessNumberId("1"), TO, "{}", Optional.of(new IdentityHash("abc=")));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Sent.class,
                s -> assertThat(s.messageId()).startsWith("wamid.dryrun."));
        assertThat(gateway.recentSends()).singleElement().satisfies(s -> assertThat(s.pin()).contains(new IdentityHash("abc=")));
    }
}
