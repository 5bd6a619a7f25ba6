package dev.trustgate.application.service;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.OptInToIdentityChecksUseCase;
import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.application.port.out.WhatsAppGateway.SettingOutcome;
import dev.trustgate.domain.BusinessNumber;
import java.util.Map;

/**
 * Changes the setting at WhatsApp first; trustgate records it only once WhatsApp applied it. A provider that
 * cannot change it refuses with {@code unsupported_by_provider} and its reason, and nothing is recorded: an
 * opt-in without identity data from WhatsApp would block nothing while seeming to.
 */
public final class OptInToIdentityChecksService implements OptInToIdentityChecksUseCase {

    private final Transactions transactions;
    private final BusinessStore businesses;
    private final WhatsAppGateway gateway;
    private final Clock clock;

    public OptInToIdentityChecksService(Transactions transactions, BusinessStore businesses, WhatsAppGateway gateway, Clock clock) {
        this.transactions = transactions;
        this.businesses = businesses;
        this.gateway = gateway;
        this.clock = clock;
    }

    @Override
    public BusinessNumber setIdentityChecks(Command command) {
        command.caller().requireAdmin();
        SettingOutcome outcome = gateway.setIdentityChecks(command.business(), command.enabled());
        outcome.fold(applied -> applied, failed -> {
            throw new TrustgateException(ErrorCode.UPSTREAM_ERROR,
                    "WhatsApp did not apply the identity-check setting: " + failed.reason(),
                    failed.error().<Map<String, Object>>map(e -> Map.of("graphCode", e.code())).orElse(Map.of()));
        }, unsupported -> {
            throw new TrustgateException(ErrorCode.UNSUPPORTED_BY_PROVIDER, "the configured WhatsApp provider ("
                    + gateway.capabilities().provider() + ") cannot change the identity-check setting: " + unsupported.reason(),
                    Map.of("provider", gateway.capabilities().provider()));
        });
        return transactions.inTransaction(() -> {
            BusinessNumber current = businesses.findOrUnknownForUpdate(command.business());
            BusinessNumber next = command.enabled() ? current.optIn(clock.now()) : current.optOut(clock.now());
            businesses.save(next);
            return next;
        });
    }
}
