package dev.trustgate.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.trustgate.adapters.http.support.RequestLog;
import dev.trustgate.application.Caller;
import dev.trustgate.application.fakes.WhatsAppSamples;
import dev.trustgate.application.port.in.OptInToIdentityChecksUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.TrustState;
import dev.trustgate.domain.WaId;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Webhooks and logs under names trustgate cannot read or must not show (DESIGN §4, §5). */
class CustomerNamesAttackTest {

    static final BusinessNumberId BUSINESS = new BusinessNumberId("106540352242922");
    static final WaId CUSTOMER = new WaId("16505551234");

    private RunningServer server;

    @BeforeEach
    void start() {
        server = new RunningServer();
        server.services.optIn.setIdentityChecks(new OptInToIdentityChecksUseCase.Command(Caller.admin(new Actor("admin")),
                BUSINESS, true));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * A signed 137000 refusal of a message trustgate sent is an identity change of that message's customer: the
     * message id alone says who. When the status names its recipient in a form trustgate cannot read, the
     * refusal must still block (fail closed), not be skipped.
     */
    @Test
    void aRefusalOfAKnownMessageBlocksItsCustomerEvenWhenTheStatussRecipientCannotBeRead() {
        server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));
        String messageId = ((SendMessageUseCase.Result.Sent) server.services.send.send(new SendMessageUseCase.Command(
                Caller.admin(new Actor("admin")), BUSINESS, Recipient.of(CUSTOMER), "{\"type\":\"text\",\"text\":{\"body\":\"hi\"}}",
                false, SendMessageUseCase.OnBlocked.REJECT))).messageId();
        String status = WhatsAppSamples.text("status-failed-identity-mismatch.json")
                .replace("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDNUQ3QjNBRjk5RTVFOUQ3QjIA", messageId)
                .replace("\"recipient_id\": \"16505551234\"", "\"recipient_user_id\": \"US.1349-1208-6553-0274\"");

        assertThat(server.signedWebhook(status.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);

        assertThat(server.contact(BUSINESS, CUSTOMER)).hasValueSatisfying(c ->
                assertThat(c.state()).as("a signed refusal of a pinned message was skipped").isEqualTo(TrustState.IDENTITY_CHANGED));
    }

    /** User ids are letters and digits: the request log must not show one in full, as it never shows a phone number. */
    @Test
    void theRequestLogNeverShowsAUserIdInFull() {
        String userId = "US.AbCd1234EfGh5678IjKl";

        String logged = RequestLog.mask("/v1/businesses/106540352242922/contacts/" + userId + "/held-messages");

        assertThat(logged).doesNotContain(userId);
        assertThat(RequestLog.mask("/v1/businesses/106540352242922/contacts/US.ENT.Zz9Yy8Xx7Ww6Vv5Uu4"))
                .doesNotContain("Zz9Yy8Xx7Ww6Vv5Uu4");
    }

    /**
     * One webhook may carry changes for several of a WABA's phone numbers. X-Trustgate-Trust must tell each
     * customer's state in the business number that names it: a customer this very webhook just blocked must not
     * be reported UNVERIFIED because another number's change came first.
     */
    @Test
    void aStorageFailureOnACustomersRouteNeverLogsTheCustomersFullNumber() {
        server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        captured.start();
        root.addAppender(captured);
        try {
            server.core.contacts.failAfter(0);
            HttpResponse<String> response = server.post("/v1/businesses/" + BUSINESS.value() + "/contacts/" + CUSTOMER.value()
                    + "/authentications", RunningServer.ADMIN_KEY, "{}");
            assertThat(response.statusCode()).isEqualTo(503);
        } finally {
            root.detachAppender(captured);
        }

        assertThat(captured.list).isNotEmpty();
        assertThat(captured.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(CUSTOMER.value()));
    }
}
