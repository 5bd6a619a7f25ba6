package dev.trustgate.adapters.http.support;

import dev.trustgate.application.port.in.AcknowledgeIdentityChangeUseCase;
import dev.trustgate.application.port.in.AuthenticateApiKeyUseCase;
import dev.trustgate.application.port.in.CancelReauthenticationUseCase;
import dev.trustgate.application.port.in.DiscardHeldMessageUseCase;
import dev.trustgate.application.port.in.GetContactTrustUseCase;
import dev.trustgate.application.port.in.ListContactsUseCase;
import dev.trustgate.application.port.in.ListHeldMessagesUseCase;
import dev.trustgate.application.port.in.ManageApiKeysUseCase;
import dev.trustgate.application.port.in.ManageParkedDeliveriesUseCase;
import dev.trustgate.application.port.in.ManageSimSwapSubscriptionsUseCase;
import dev.trustgate.application.port.in.ManageSubscriptionsUseCase;
import dev.trustgate.application.port.in.MarkMessageReadUseCase;
import dev.trustgate.application.port.in.OptInToIdentityChecksUseCase;
import dev.trustgate.application.port.in.OverrideUnknownIdentityUseCase;
import dev.trustgate.application.port.in.ReadEventsUseCase;
import dev.trustgate.application.port.in.RecordAuthenticationUseCase;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase;
import dev.trustgate.application.port.in.RecordReauthenticationResultUseCase;
import dev.trustgate.application.port.in.RecordSimSwapNoticeUseCase;
import dev.trustgate.application.port.in.ReleaseHeldMessageUseCase;
import dev.trustgate.application.port.in.RevokeTrustUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.in.SetAcknowledgementPolicyUseCase;
import dev.trustgate.application.port.in.SetSimSwapPolicyUseCase;
import dev.trustgate.application.port.in.StartReauthenticationUseCase;
import dev.trustgate.application.port.in.VerifyAuditChainUseCase;

/** The use cases the HTTP adapter drives, as their input ports. */
public record UseCases(
        ManageApiKeysUseCase apiKeys,
        AuthenticateApiKeyUseCase authenticate,
        RecordIdentitySignalUseCase recordSignals,
        OptInToIdentityChecksUseCase optIn,
        SetAcknowledgementPolicyUseCase setPolicy,
        GetContactTrustUseCase getContact,
        ListContactsUseCase listContacts,
        ReadEventsUseCase readEvents,
        VerifyAuditChainUseCase verifyAudit,
        StartReauthenticationUseCase startReauthentication,
        CancelReauthenticationUseCase cancelReauthentication,
        RecordReauthenticationResultUseCase reauthenticationResult,
        AcknowledgeIdentityChangeUseCase acknowledge,
        OverrideUnknownIdentityUseCase overrideUnknownIdentity,
        RecordAuthenticationUseCase recordAuthentication,
        RevokeTrustUseCase revokeTrust,
        SendMessageUseCase send,
        MarkMessageReadUseCase markRead,
        ListHeldMessagesUseCase listHeld,
        ReleaseHeldMessageUseCase release,
        DiscardHeldMessageUseCase discard,
        ManageSubscriptionsUseCase subscriptions,
        ManageParkedDeliveriesUseCase parkedDeliveries,
        SetSimSwapPolicyUseCase setSimSwapPolicy,
        RecordSimSwapNoticeUseCase recordSimSwaps,
        ManageSimSwapSubscriptionsUseCase simSwapSubscriptions) {
}
