package dev.trustgate.application.service;

import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.TrustState;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code X-Trustgate-Trust} value of a relayed webhook: {@code <name>=<STATE>} for each customer it names,
 * by the name it used, resolved in the business number that names them (a name nobody has is
 * {@code UNVERIFIED}). At most {@link #MAX_LENGTH} characters, so a webhook naming hundreds of customers
 * can neither overflow the stored value nor a receiver's header limits: names that do not fit are left
 * out and counted by a last item {@code truncated=<how many>} (no customer name has that form).
 */
final class TrustHeader {

    static final int MAX_LENGTH = 4000;
    static final String TRUNCATED = "truncated";
    /** Room kept for {@code ,truncated=<count>} while names remain. */
    private static final int MARKER_ROOM = ("," + TRUNCATED + "=").length() + 10;
    /** No more items fit than of the shortest kind ({@code 1=TRUSTED,}): no more names are looked up. */
    private static final int MOST_NAMES = MAX_LENGTH / "1=TRUSTED,".length();

    private TrustHeader() {
    }

    static String of(ContactStore store, BusinessNumberId business, List<CustomerName> named) {
        List<CustomerName> names = List.copyOf(new LinkedHashSet<>(named));
        List<CustomerName> candidates = names.subList(0, Math.min(names.size(), MOST_NAMES));
        Map<CustomerName, ContactKey> found = store.resolve(business, candidates);
        Map<ContactKey, TrustState> states = new HashMap<>();
        StringBuilder header = new StringBuilder();
        int listed = 0;
        for (CustomerName name : candidates) {
            TrustState state = Optional.ofNullable(found.get(name))
                    .map(key -> states.computeIfAbsent(key, k -> store.find(k).map(ContactTrust::state).orElse(TrustState.UNVERIFIED)))
                    .orElse(TrustState.UNVERIFIED);
            String item = (listed == 0 ? "" : ",") + name.value() + "=" + state.name();
            boolean more = listed + 1 < names.size();
            if (header.length() + item.length() + (more ? MARKER_ROOM : 0) > MAX_LENGTH) {
                break;
            }
            header.append(item);
            listed++;
        }
        if (listed < names.size()) {
            header.append(listed == 0 ? "" : ",").append(TRUNCATED).append('=').append(names.size() - listed);
        }
        return header.toString();
    }
}
