package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.Caller;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.fakes.FakeWhatsAppGateway;
import dev.trustgate.application.fakes.MutableClock;
import dev.trustgate.application.fakes.RecordingNotificationSender;
import dev.trustgate.application.fakes.RecordingWebhookRelay;
import dev.trustgate.application.fakes.SequentialIds;
import dev.trustgate.application.port.in.ContactSelector;
import dev.trustgate.application.port.in.DiscardHeldMessageUseCase;
import dev.trustgate.application.port.in.RecordAuthenticationUseCase;
import dev.trustgate.application.port.in.ReleaseHeldMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.Result;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.application.service.TrustgateServices;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.HeldMessage;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.WaId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A held message is released or discarded once, whatever races: real threads on real H2 and PostgreSQL
 * transactions, each interleaving forced by pausing one use case at a chosen point while the other runs.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"H2", "PostgreSQL"})
class HeldMessageRaceTest {

    private static final BusinessNumberId BUSINESS = new BusinessNumberId("106540352242922");
    private static final WaId WA_ID = new WaId("16505551234");
    private static final Caller CRM = Caller.scoped(new Actor("key_crm"), Set.of(BUSINESS));
    private static final Caller OPERATOR = Caller.scoped(new Actor("key_operator"), Set.of(BUSINESS));
    private static final String TEXT = "{\"type\":\"text\",\"text\":{\"body\":\"Your new card PIN\"}}";
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    /** Where a thread stops once, until the test lets it go on. */
    private static final class Pause {
        final CountDownLatch arrived = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);

        void reach() {
            arrived.countDown();
            await(proceed);
        }

        void awaitArrival() {
            await(arrived);
        }

        void proceed() {
            proceed.countDown();
        }
    }

    /** The pause the current thread takes when it next asks for a contact's row lock. */
    private static final ThreadLocal<Pause> PAUSE_BEFORE_CONTACT_LOCK = new ThreadLocal<>();
    /** The pause the current thread takes once it has written a held message's release or discard, before its commit. */
    private static final ThreadLocal<Pause> PAUSE_AFTER_HELD_WRITE = new ThreadLocal<>();

    @Parameter
    String database;

    private final ExecutorService pool = Executors.newFixedThreadPool(6);
    private final FakeWhatsAppGateway whatsApp = new FakeWhatsAppGateway();
    private JdbiStorage db;
    private TrustgateServices services;

    @BeforeEach
    void start() {
        StorageUnderTest storage = database.equals("H2") ? Storages.h2("held-race") : Storages.postgres("held-race");
        storage.reset();
        db = Storages.jdbi(storage);
        services = new TrustgateServices(new TrustgateServices.Ports(db.transactions, pausing(db.contacts), db.businesses, db.events,
                db.receipts, pausing(db.messages), db.outbox, db.subscriptions, db.apiKeys, whatsApp, new RecordingNotificationSender(),
                new RecordingWebhookRelay(), new MutableClock(T0), new SequentialIds()), url -> true);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** The contact store, pausing a thread where the test asked it to. */
    private static ContactStore pausing(ContactStore store) {
        return (ContactStore) Proxy.newProxyInstance(ContactStore.class.getClassLoader(), new Class<?>[] {ContactStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("findForUpdate")) {
                        pauseIfAsked(PAUSE_BEFORE_CONTACT_LOCK);
                    }
                    return invoke(store, method, args);
                });
    }

    /** The message log, pausing a thread after its write where the test asked it to. */
    private static MessageLog pausing(MessageLog log) {
        return (MessageLog) Proxy.newProxyInstance(MessageLog.class.getClassLoader(), new Class<?>[] {MessageLog.class},
                (proxy, method, args) -> {
                    Object answer = invoke(log, method, args);
                    if (method.getName().equals("resolve")) {
                        pauseIfAsked(PAUSE_AFTER_HELD_WRITE);
                    }
                    return answer;
                });
    }

    private static void pauseIfAsked(ThreadLocal<Pause> point) {
        Pause pause = point.get();
        if (pause != null) {
            point.remove();
            pause.reach();
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A sensitive message held for a customer nobody authenticated yet, who is then authenticated: ready to release. */
    private String heldAndReleasable() {
        Result held = services.send.send(new SendMessageUseCase.Command(CRM, BUSINESS, Recipient.of(WA_ID), TEXT, true,
                SendMessageUseCase.OnBlocked.HOLD));
        assertThat(held).isInstanceOf(Result.Held.class);
        services.recordAuthentication.authenticated(new RecordAuthenticationUseCase.Command(CRM,
                new ContactSelector(BUSINESS, WA_ID), Evidence.NONE));
        return ((Result.Held) held).heldMessageId();
    }

    private Callable<Object> release(String heldId, Pause pause) {
        return () -> outcome(() -> {
            PAUSE_BEFORE_CONTACT_LOCK.set(pause);
            try {
                return services.release.release(new ReleaseHeldMessageUseCase.Command(CRM, heldId));
            } finally {
                PAUSE_BEFORE_CONTACT_LOCK.remove();
            }
        });
    }

    private Object discard(String heldId) {
        return outcome(() -> services.discard.discard(new DiscardHeldMessageUseCase.Command(OPERATOR, heldId)));
    }

    /** What a call answered, or the refusal it threw. */
    private static Object outcome(Callable<?> call) {
        try {
            return call.call();
        } catch (TrustgateException refused) {
            return refused;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HeldMessage stored(String heldId) {
        return db.transactions.inTransaction(() -> db.messages.findHeld(heldId)).orElseThrow();
    }

    private List<String> eventTypes() {
        return db.transactions.inTransaction(() -> db.events.read(BUSINESS, 0, 1000)).stream().map(RecordedEvent::type).toList();
    }

    private static void assertConflict(Object outcome, String detail) {
        assertThat(outcome).isInstanceOfSatisfying(TrustgateException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
            assertThat(e.getMessage()).contains(detail);
        });
    }

    @Test
    void aDiscardCommittedWhileAReleaseWaitsForTheContactWinsAndNothingIsSent() throws Exception {
        String heldId = heldAndReleasable();
        Pause release = new Pause();
        Future<Object> released = pool.submit(release(heldId, release));
        release.awaitArrival(); // the release has read the message as held and now asks for the contact's lock

        assertThat(discard(heldId)).isInstanceOf(HeldMessage.class);
        release.proceed();

        assertConflict(released.get(60, TimeUnit.SECONDS), "already discarded");
        assertThat(whatsApp.forwarded()).as("a discarded message never leaves").isEmpty();
        assertThat(stored(heldId).status()).isEqualTo(HeldMessage.Status.DISCARDED);
        assertThat(eventTypes()).contains("message.discarded").doesNotContain("message.released");
    }

    @Test
    void aReleaseThatWritesWhileADiscardIsUncommittedLosesAndNothingIsSent() throws Exception {
        String heldId = heldAndReleasable();
        Pause discard = new Pause();
        Future<Object> discarded = pool.submit(() -> {
            PAUSE_AFTER_HELD_WRITE.set(discard);
            try {
                return discard(heldId);
            } finally {
                PAUSE_AFTER_HELD_WRITE.remove();
            }
        });
        discard.awaitArrival(); // the discard has written its change and not committed it
        Future<Object> released = pool.submit(release(heldId, null));
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(() -> !released.isDone());
        discard.proceed();

        assertThat(discarded.get(60, TimeUnit.SECONDS)).isInstanceOf(HeldMessage.class);
        assertConflict(released.get(60, TimeUnit.SECONDS), "already discarded");
        assertThat(whatsApp.forwarded()).isEmpty();
        assertThat(stored(heldId).status()).isEqualTo(HeldMessage.Status.DISCARDED);
        assertThat(eventTypes()).doesNotContain("message.released");
    }

    @Test
    void twoReleasesThatBothReadTheMessageAsHeldSendItOnce() throws Exception {
        String heldId = heldAndReleasable();
        Pause first = new Pause();
        Pause second = new Pause();
        Future<Object> one = pool.submit(release(heldId, first));
        Future<Object> two = pool.submit(release(heldId, second));
        first.awaitArrival();
        second.awaitArrival(); // both read the message as held; now they race for the contact's lock
        first.proceed();
        second.proceed();

        List<Object> outcomes = List.of(one.get(60, TimeUnit.SECONDS), two.get(60, TimeUnit.SECONDS));
        assertThat(outcomes).filteredOn(Result.Sent.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof Result.Sent)).singleElement()
                .satisfies(o -> assertConflict(o, "already released"));
        assertThat(whatsApp.forwarded()).as("sent once").hasSize(1);
        assertThat(stored(heldId).status()).isEqualTo(HeldMessage.Status.RELEASED);
        assertThat(eventTypes()).filteredOn("message.released"::equals).hasSize(1);
    }

    @Test
    void releasesAndDiscardsStartedTogetherLeaveEveryMessageSentOnceOrNotAtAll() throws Exception {
        List<String> heldIds = new ArrayList<>();
        Result first = services.send.send(new SendMessageUseCase.Command(CRM, BUSINESS, Recipient.of(WA_ID), TEXT, true,
                SendMessageUseCase.OnBlocked.HOLD));
        heldIds.add(((Result.Held) first).heldMessageId());
        for (int i = 1; i < 8; i++) {
            heldIds.add(((Result.Held) services.send.send(new SendMessageUseCase.Command(CRM, BUSINESS, Recipient.of(WA_ID),
                    TEXT.replace("PIN", "PIN " + i), true, SendMessageUseCase.OnBlocked.HOLD))).heldMessageId());
        }
        services.recordAuthentication.authenticated(new RecordAuthenticationUseCase.Command(CRM,
                new ContactSelector(BUSINESS, WA_ID), Evidence.NONE));

        for (String heldId : heldIds) {
            CyclicBarrier start = new CyclicBarrier(3);
            List<Future<Object>> calls = List.of(
                    pool.submit(() -> outcome(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return services.release.release(new ReleaseHeldMessageUseCase.Command(CRM, heldId));
                    })),
                    pool.submit(() -> outcome(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return services.release.release(new ReleaseHeldMessageUseCase.Command(OPERATOR, heldId));
                    })),
                    pool.submit(() -> outcome(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return services.discard.discard(new DiscardHeldMessageUseCase.Command(OPERATOR, heldId));
                    })));
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> call : calls) {
                outcomes.add(call.get(60, TimeUnit.SECONDS));
            }
            assertThat(outcomes).as(heldId + ": one call wins, the others are told it lost")
                    .filteredOn(o -> !(o instanceof TrustgateException)).hasSize(1);
            assertThat(outcomes).filteredOn(TrustgateException.class::isInstance)
                    .allSatisfy(o -> assertThat(((TrustgateException) o).code()).isEqualTo(ErrorCode.CONFLICT));
            boolean sent = outcomes.stream().anyMatch(Result.Sent.class::isInstance);
            assertThat(stored(heldId).status()).isEqualTo(sent ? HeldMessage.Status.RELEASED : HeldMessage.Status.DISCARDED);
        }
        long released = heldIds.stream().filter(id -> stored(id).status() == HeldMessage.Status.RELEASED).count();
        assertThat(whatsApp.forwarded()).as("each released message sent once, no discarded one sent").hasSize((int) released);
        assertThat(whatsApp.forwarded()).extracting(FakeWhatsAppGateway.Forwarded::body).doesNotHaveDuplicates();
        assertThat(eventTypes()).filteredOn("message.released"::equals).hasSize((int) released);
        assertThat(eventTypes()).filteredOn("message.discarded"::equals).hasSize(heldIds.size() - (int) released);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
