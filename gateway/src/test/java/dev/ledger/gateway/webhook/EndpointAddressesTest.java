package dev.ledger.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointAddressesTest {

    @Test
    void addressesInsideTheNetworkArePrivate() throws Exception {
        for (String address : List.of("127.0.0.1", "127.8.8.8", "10.0.0.1", "172.31.255.255", "192.168.1.1",
                "169.254.169.254", "0.0.0.0", "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1",
                "fd12:3456::1", "::ffff:10.0.0.1")) {
            assertThat(EndpointAddresses.isPrivate(InetAddress.getByName(address))).as(address).isTrue();
        }
        for (String address : List.of("203.0.113.10", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2001:4860::8888")) {
            assertThat(EndpointAddresses.isPrivate(InetAddress.getByName(address))).as(address).isFalse();
        }
    }

    @Test
    void loopbackIsTakenOnlyWhenAllowed() {
        assertThat(new EndpointAddresses(false).refusal("http://127.0.0.1:9000/hook")).isPresent();
        assertThat(new EndpointAddresses(true).refusal("http://127.0.0.1:9000/hook")).isEmpty();
        assertThat(new EndpointAddresses(true).refusal("http://admin:pw@127.0.0.1/hook")).contains(
                "must not carry credentials");
        assertThat(new EndpointAddresses(true).refusal("ftp://127.0.0.1/hook")).isPresent();
        assertThat(new EndpointAddresses(false).refusal("https://203.0.113.10/hook")).isEmpty();
    }
}
