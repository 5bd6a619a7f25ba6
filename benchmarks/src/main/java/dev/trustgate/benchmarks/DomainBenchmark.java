package dev.trustgate.benchmarks;

import dev.trustgate.domain.AcknowledgementPolicy;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.ChangeId;
import dev.trustgate.domain.CommandResult;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.WaId;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.SendDecision;
import dev.trustgate.domain.SignalSource;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The domain's hot paths: the send decision (taken for every outgoing message) and applying an
 * identity change (taken for every changed identity WhatsApp reports).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DomainBenchmark {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private BusinessNumber business;
    private ContactTrust trusted;
    private ContactTrust blocked;
    private IdentityHash newHash;
    private ChangeId changeId;
    private boolean sensitive;

    @Setup
    public void setUp() {
        ContactKey key = ContactKey.of("106540352242922", "ct_1");
        business = BusinessNumber.unknown(key.business()).optIn(T0).withPolicy(AcknowledgementPolicy.NONE);
        ContactTrust seen = ContactTrust.newContact(key, ContactNames.of(new WaId("16505551234")))
                .identitySeen(new IdentityHash("DF2lS5v2W6x="), T0, SignalSource.WHATSAPP_MESSAGE, new ChangeId("c0"), business, T0)
                .changed().orElseThrow().contact();
        trusted = seen.authenticated(new Actor("key_a"), Evidence.NONE, T0).changed().orElseThrow().contact();
        newHash = new IdentityHash("Qm9vbXNoYWthbGFrYQ==");
        changeId = new ChangeId("c1");
        blocked = trusted.identityChanged(Optional.of(newHash), T0.plusSeconds(1), SignalSource.WHATSAPP_SYSTEM, changeId, business,
                T0.plusSeconds(1)).changed().orElseThrow().contact();
        sensitive = true;
    }

    @Benchmark
    public SendDecision sendDecisionAllowed() {
        return trusted.sendDecision(business, sensitive);
    }

    @Benchmark
    public SendDecision sendDecisionBlocked() {
        return blocked.sendDecision(business, sensitive);
    }

    @Benchmark
    public CommandResult applyIdentityChange() {
        return trusted.identityChanged(Optional.of(newHash), T0.plusSeconds(5), SignalSource.WHATSAPP_MESSAGE, changeId,
                business, T0.plusSeconds(5));
    }
}
