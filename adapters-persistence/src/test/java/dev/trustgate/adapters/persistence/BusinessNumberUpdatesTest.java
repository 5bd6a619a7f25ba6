package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.Caller;
import dev.trustgate.application.fakes.FakeWhatsAppGateway;
import dev.trustgate.application.fakes.MutableClock;
import dev.trustgate.application.port.in.OptInToIdentityChecksUseCase;
import dev.trustgate.application.port.in.SetAcknowledgementPolicyUseCase;
import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.application.service.OptInToIdentityChecksService;
import dev.trustgate.application.service.SetAcknowledgementPolicyService;
import dev.trustgate.application.transaction.Retry;
import dev.trustgate.domain.AcknowledgementPolicy;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An opt-in and a policy change of one business number at the same moment: neither overwrites the other
 * (each reads the number locked, so the second reads what the first wrote), on H2 and PostgreSQL.
 */
class BusinessNumberUpdatesTest {

    private static final BusinessNumberId BUSINESS = new BusinessNumberId("106540352242922");
    private static final Caller ADMIN = Caller.admin(new Actor("admin"));

    /**
     * The business store of {@code storage}, making every reader wait (up to a second) for the other one after its
     * read: readers that do not lock both read before either writes, readers that lock wait for each other instead.
     */
    private static BusinessStore meetingAfterRead(BusinessStore store, CyclicBarrier meeting) {
        return new BusinessStore() {
            @Override
            public Optional<BusinessNumber> find(BusinessNumberId id) {
                return meet(store.find(id));
            }

            @Override
            public Optional<BusinessNumber> findForUpdate(BusinessNumberId id) {
                return meet(store.findForUpdate(id));
            }

            @Override
            public void save(BusinessNumber business) {
                store.save(business);
            }

            private Optional<BusinessNumber> meet(Optional<BusinessNumber> read) {
                try {
                    meeting.await(1, TimeUnit.SECONDS);
                } catch (TimeoutException | BrokenBarrierException e) {
                    // the other reader is held by this one's lock: nothing to wait for
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return read;
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void anOptInAndAPolicyChangeAtTheSameMomentBothStay(String database) throws Exception {
        StorageUnderTest storage = database.equals("H2") ? Storages.h2("business-race") : Storages.postgres("business_race");
        storage.reset();
        JdbiStorage db = Storages.jdbi(storage);
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
        Retry retry = new Retry(db.transactions);
        retry.inTransaction(() -> {
            db.businesses.save(BusinessNumber.unknown(BUSINESS));
            return null;
        });
        BusinessStore racing = meetingAfterRead(db.businesses, new CyclicBarrier(2));
        OptInToIdentityChecksService optIn = new OptInToIdentityChecksService(retry, racing, new FakeWhatsAppGateway(), clock);
        SetAcknowledgementPolicyService policy = new SetAcknowledgementPolicyService(retry, racing);

        CompletableFuture<BusinessNumber> optingIn = CompletableFuture.supplyAsync(() ->
                optIn.setIdentityChecks(new OptInToIdentityChecksUseCase.Command(ADMIN, BUSINESS, true)));
        CompletableFuture<BusinessNumber> settingPolicy = CompletableFuture.supplyAsync(() ->
                policy.setPolicy(new SetAcknowledgementPolicyUseCase.Command(ADMIN, BUSINESS, AcknowledgementPolicy.FOUR_EYES)));
        CompletableFuture.allOf(optingIn, settingPolicy).get(30, TimeUnit.SECONDS);

        BusinessNumber stored = retry.inTransaction(() -> db.businesses.find(BUSINESS)).orElseThrow();
        assertThat(stored.optedIn()).as("the opt-in stayed").isTrue();
        assertThat(stored.policy()).as("the policy stayed").isEqualTo(AcknowledgementPolicy.FOUR_EYES);
    }
}
