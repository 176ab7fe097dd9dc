package dev.ledger.gateway.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * A network in CIDR notation ({@code 10.20.0.0/16}, {@code fd00:1::/64}) that webhooks may reach although it is
 * private: the one internal service that receives webhooks, without opening every private address to every admin.
 */
record AllowedNetwork(byte[] network, int prefixLength) {

    static List<AllowedNetwork> parseAll(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(AllowedNetwork::parse)
                .toList();
    }

    static AllowedNetwork parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0 || !cidr.substring(0, slash).matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not a network in CIDR notation (an address literal, then /bits): " + cidr);
        }
        try {
            // an address literal only: nothing is looked up in DNS
            byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            int prefixLength = Integer.parseInt(cidr.substring(slash + 1));
            if (prefixLength < 0 || prefixLength > network.length * 8) {
                throw new IllegalArgumentException("prefix length out of range: " + cidr);
            }
            return new AllowedNetwork(network, prefixLength);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not a network in CIDR notation: " + cidr, e);
        }
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (bytes[whole] & mask) == (network[whole] & mask);
    }
}
