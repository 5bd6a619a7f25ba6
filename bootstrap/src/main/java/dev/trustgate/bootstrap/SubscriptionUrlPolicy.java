package dev.trustgate.bootstrap;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.function.Predicate;

/**
 * Where business webhooks may point. {@code any} allows internal CRMs (the usual case);
 * {@code public-only} refuses URLs whose host resolves to a loopback, private, link-local or
 * unique-local address, so a key holder cannot make trustgate call into its own network.
 */
final class SubscriptionUrlPolicy {

    private SubscriptionUrlPolicy() {
    }

    static Predicate<String> of(Config.SubscriptionUrls mode) {
        return mode == Config.SubscriptionUrls.ANY ? url -> true : SubscriptionUrlPolicy::isPublic;
    }

    static boolean isPublic(String url) {
        try {
            String host = URI.create(url).getHost();
            if (host == null) {
                return false;
            }
            for (InetAddress address : InetAddress.getAllByName(host)) {
                boolean uniqueLocal = address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | IllegalArgumentException e) {
            return false;
        }
    }
}
