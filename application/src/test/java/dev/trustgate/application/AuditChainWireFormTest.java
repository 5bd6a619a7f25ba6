package dev.trustgate.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.out.EventLog.Head;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.SampleEvents;
import dev.trustgate.domain.TrustEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit chain's hashes of events of every type are pinned: a chain recorded by an earlier trustgate must verify
 * with every later one, so no event's hashed form (type, contact, time, actor, data) may change.
 */
class AuditChainWireFormTest {

    private static final String GOLDEN = """
            1 identity.baseline eff1097c434105dc6ca345815d357356a9abacb4e9acde713f912782075cf4fa
            2 identity.changed fde3949ef1f5d6dcfd8c8c482a7ce7470d66cddd8472b1e32d6a4ef12da33162
            3 identity.changed 847974d1cb4a38a12db47ba4a565ae3806130c3fd6fe3db37ed327b0986a781c
            4 trust.broken 6ae7191abaeddbb7bf6f34376b81965b78bc2fb7eb381fefafb3822e4a755dd4
            5 reauthentication.started 7c69418daeb92a33b3749c50554b961334aea9036ac4f84e8df04ab108c18a1c
            6 reauthentication.cancelled 7c534387625b92441d6919afcebddc54db648e8dfa218a3082f4f7d4d8d7b005
            7 reauthentication.succeeded 822852435855dfdd1af5f4a0812c93216d282c8f06d5390ef7f5d6a29fca1b0c
            8 reauthentication.succeeded 0aa22c7720b346412c99287fb2d390d07765d05c4fb6a014d5342c152e1d99b6
            9 reauthentication.failed 92d852f59328547e6f2fb30c59f694d73fe7c61850c26dfc19a286a688327169
            10 identity.acknowledgement_requested d54fce647b7f453dcbf0287033af7b91dca7ba380243501f58bd45439c01ffef
            11 identity.acknowledgement_requested 80f4e4201dbace85a0dc29aaeb948d36a2a3eb6ae9dc8a722a4c0cd5dbc3e613
            12 identity.acknowledged 631953d6a5717f9c37f395b8bb11002faf206628761a658d5ff4afa3825fe1f5
            13 identity.acknowledged 14ed36c3995e706fd21ae3a51ba3afd2dbe5bf0d08ad1118ae0612e5d01373df
            14 identity.overridden 733a716bac042d75047507ca07bf1f9fc0c726b0ecf8f55628d350a3d04511cb
            15 identity.overridden 599be148f9e33ccf8949e0c8a4fe471d9bc24151aa7ce89fae0330114d501d76
            16 trust.established 231f55f50a67a72f8e2d248adfe5ff43fb14b8ffd6e5f5a046b75e30f00fdc68
            17 trust.established d93aa0551a1ce153ebf652c60c6ae1045d73e3c136d5472b10c380c9e44af609
            18 trust.revoked 80e3353c9c2909819706f114e4955d16dab2a1af97795772acef2b44fba60fb7
            19 trust.revoked d81ac304cbd89c5899676643559aade51520770934e94d63c7969c972ad0e990
            20 message.blocked fa836cbb366f6378214b2215000df1fcb3c825333944a1d867aa3dd47ac77528
            21 message.held c84f0de51c78793f93202714c6be254ee2f91307a63fd9603bd5141e55e2d81f
            22 message.released 51492d8e01150c4790866cf997ecfe4de7e22902bd793b17ced47ee86b9ae6b0
            23 message.released fc7549c55b8fe565678d052e1d5d21839ba139fd510cda463bb91580889c6537
            24 message.discarded 9d0f30094b5a79d89c3a1f2952067948a1dd4640e6f198d4a0d9562c1033441f
            25 message.sent_across_change 3e283b779c2ca0ba6398af8e6952ca9d28eada3372795f398c192139d6e4fedc
            26 message.sent_across_change c9ca26d261eea3c44e2e98ffb40416fd903c4c25a0291f29836cbb5f34405679
            27 contact.number_changed 45c141f8c1d5a073d56252de32841f73f5067734411cd888e1e94abc6c8ed75e
            28 contact.number_changed b241a7fbc0670fc157bc613b74c8eb84a7bec5ae8c15f7fd427f170723c4c01e
            29 contact.merged b3ef886fbc418fc8b13931d6d76e3d904f99861c83ba70baa27df7b3b9f507a8
            30 contact.merged d7378220eadf7a01fb7a98d30386ab92709277d1c346f3ca751cf26dfe218a4d
            31 contact.sim_swapped 846e937882c61bf49c10d2c6f734b0847bdcfef8b98b4352745cbb2cd077b9c2
            32 contact.sim_swapped 2b8cd2c3592211015d3601eefde562d73e064018201ebb97eb1bc9ea8e76a49a
            33 identity.changed 0e88a3ed0e37fc77c372e4bae78ed6b4b79376cdcdaed91fe9247f201a0041f5
            34 reauthentication.succeeded a0643a73e93086614198dcd3fd52e0a637bc3f8d5d87a960fcd48102c2d05564
            """;

    @Test
    void everyEventSealsToTheHashItWasRecordedWith() {
        List<String> hashes = chain().stream().map(e -> e.sequence() + " " + e.type() + " " + e.hash()).toList();

        assertThat(hashes).containsExactlyElementsOf(GOLDEN.lines().filter(line -> !line.isBlank()).toList());
    }

    @Test
    void aChainOfEveryEventVerifies() {
        List<RecordedEvent> chain = chain();
        RecordedEvent last = chain.get(chain.size() - 1);

        assertThat(AuditChain.verify(new Head(last.sequence(), last.hash()), chain.iterator()).valid()).isTrue();
    }

    private static List<RecordedEvent> chain() {
        List<RecordedEvent> chain = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        long sequence = 0;
        for (TrustEvent event : SampleEvents.list()) {
            RecordedEvent sealed = AuditChain.seal(event, ++sequence, previous);
            chain.add(sealed);
            previous = sealed.hash();
        }
        return chain;
    }
}
