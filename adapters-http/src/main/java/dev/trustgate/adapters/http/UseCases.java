package dev.trustgate.adapters.http;

import dev.trustgate.application.port.in.GetContactTrustUseCase;
import dev.trustgate.application.port.in.ManageApiKeysUseCase;
import dev.trustgate.application.port.in.OptInToIdentityChecksUseCase;
import dev.trustgate.application.port.in.ReadEventsUseCase;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase;

/** The use cases the HTTP adapter drives, as their input ports. */
public record UseCases(
        ManageApiKeysUseCase apiKeys,
        RecordIdentitySignalUseCase recordSignals,
        OptInToIdentityChecksUseCase optIn,
        GetContactTrustUseCase getContact,
        ReadEventsUseCase readEvents) {
}
