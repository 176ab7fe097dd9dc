package dev.ledger.gateway.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs the service may call. Only {@code http}/{@code https}, no credentials in the URL (they would be
 * shown to every admin who lists the webhooks, and logged), and — unless {@code ledger.webhooks.allow-private} —
 * no host resolving to an address inside a network the service sits in: an admin key must not be a way to
 * reach the database, the cloud metadata service or the management port. {@code ledger.webhooks.allowed-networks}
 * opens single private networks (an internal receiver) without opening all of them.
 *
 * <p>The check runs when a webhook is registered and again before every delivery, because what a name resolves to
 * can change after registration.
 */
final class EndpointAddresses {

    private final boolean allowPrivate;
    private final List<AllowedNetwork> allowedNetworks;

    EndpointAddresses(boolean allowPrivate, List<AllowedNetwork> allowedNetworks) {
        this.allowPrivate = allowPrivate;
        this.allowedNetworks = List.copyOf(allowedNetworks);
    }

    /** Why this URL may not be registered, or empty when it may. */
    Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        return addressRefusal(uri.getHost());
    }

    /** Why this host may not be called now, or empty when it may. */
    Optional<String> addressRefusal(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("host does not resolve");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address) && allowedNetworks.stream().noneMatch(network -> network.contains(address))) {
                return Optional.of("resolves to a loopback or private address (" + address.getHostAddress()
                        + "); LEDGER_WEBHOOKS_ALLOWED_NETWORKS or LEDGER_WEBHOOKS_ALLOW_PRIVATE=true would allow it");
            }
        }
        return Optional.empty();
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 // "this network"
                    || first == 100 && second >= 64 && second < 128 // carrier-grade NAT, 100.64.0.0/10
                    || first == 198 && (second == 18 || second == 19) // benchmarking, 198.18.0.0/15
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            // unique local fc00::/7; IPv4-mapped addresses are checked as the IPv4 address they carry
            if ((bytes[0] & 0xfe) == 0xfc) {
                return true;
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            if (mapped && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
                try {
                    return isPrivate(InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
