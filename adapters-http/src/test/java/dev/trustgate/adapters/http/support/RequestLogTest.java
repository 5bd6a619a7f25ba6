package dev.trustgate.adapters.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Request lines mask what names a person — phone numbers and WhatsApp's user ids — and leave trustgate's own
 * ids (which name no one) readable.
 */
class RequestLogTest {

    @Test
    void aCustomersPhoneNumberIsMaskedToItsLastFourDigits() {
        assertThat(RequestLog.mask("/v1/businesses/106540352242922/contacts/16505551234"))
                .isEqualTo("/v1/businesses/***********2922/contacts/*******1234");
        assertThat(RequestLog.mask("/v1/businesses/106540352242922/contacts/%2B16505551234/events"))
                .isEqualTo("/v1/businesses/***********2922/contacts/**********1234/events");
    }

    @Test
    void trustgatesOwnIdsKeepTheirDigits() {
        assertThat(RequestLog.mask("/v1/businesses/106540352242922/contacts/16505551234/reauthentications/reauth_db0123456789abcdef01/result"))
                .isEqualTo("/v1/businesses/***********2922/contacts/*******1234/reauthentications/reauth_db0123456789abcdef01/result");
        assertThat(RequestLog.mask("/v1/held-messages/held_0123456789abcdef0123/release")).isEqualTo("/v1/held-messages/held_0123456789abcdef0123/release");
        assertThat(RequestLog.mask("/v1/api-keys/key_afe45391a02b04a7335b6136")).isEqualTo("/v1/api-keys/key_afe45391a02b04a7335b6136");
        assertThat(RequestLog.mask("/v25.0/106540352242922/messages")).as("the Graph version is no number to mask")
                .isEqualTo("/v25.0/***********2922/messages");
        assertThat(RequestLog.mask("/v1/businesses/106540352242922/contacts/ct_0f3a9c21b7e84d6512aa90cd/events"))
                .endsWith("/contacts/ct_0f3a9c21b7e84d6512aa90cd/events");
    }

    @Test
    void aCustomersUserIdIsMaskedToItsCountryAndLastFourCharacters() {
        assertThat(RequestLog.mask("/v1/businesses/106540352242922/contacts/US.13491208655302741918"))
                .as("a business-scoped user id names a person like a phone number does")
                .endsWith("/contacts/US.****************1918");
        assertThat(RequestLog.mask("/v1/businesses/106540352242922/contacts/US.ENT.11815799212886844830/trust"))
                .endsWith("/contacts/US.ENT.****************4830/trust");
    }

    @Test
    void aProvidersWebhookPathSecretIsNeverLogged() {
        assertThat(RequestLog.mask("/webhooks/360dialog/d360_secret_of_the_first_number_0123456789"))
                .isEqualTo("/webhooks/360dialog/***");
        assertThat(RequestLog.mask("/webhooks/infobip/infobip_account_secret_0123456789abcdef")).isEqualTo("/webhooks/infobip/***");
        assertThat(RequestLog.mask("/webhooks/whatsapp")).isEqualTo("/webhooks/whatsapp");
    }
}
