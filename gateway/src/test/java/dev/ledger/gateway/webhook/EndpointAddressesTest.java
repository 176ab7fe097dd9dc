package dev.ledger.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
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
        assertThat(new EndpointAddresses(false, List.of()).refusal("http://127.0.0.1:9000/hook")).isPresent();
        assertThat(new EndpointAddresses(true, List.of()).refusal("http://127.0.0.1:9000/hook")).isEmpty();
        assertThat(new EndpointAddresses(true, List.of()).refusal("http://admin:pw@127.0.0.1/hook")).contains(
                "must not carry credentials");
        assertThat(new EndpointAddresses(true, List.of()).refusal("ftp://127.0.0.1/hook")).isPresent();
        assertThat(new EndpointAddresses(false, List.of()).refusal("https://203.0.113.10/hook")).isEmpty();
    }

    @Test
    void anAllowedNetworkOpensItselfOnly() {
        EndpointAddresses addresses = new EndpointAddresses(false,
                AllowedNetwork.parseAll("10.20.0.0/16, 127.0.0.1/32, fd00:1::/64"));

        assertThat(addresses.refusal("http://10.20.7.9/hook")).isEmpty();
        assertThat(addresses.refusal("http://127.0.0.1:9000/hook")).isEmpty();
        assertThat(addresses.refusal("http://[fd00:1::5]/hook")).isEmpty();
        assertThat(addresses.refusal("http://10.21.0.1/hook")).isPresent();
        assertThat(addresses.refusal("http://127.0.0.2/hook")).isPresent();
        assertThat(addresses.refusal("http://[fd00:2::5]/hook")).isPresent();
        assertThat(addresses.refusal("http://169.254.169.254/")).isPresent();
    }

    @Test
    void aNetworkIsAnAddressLiteralAndAPrefix() {
        assertThat(new AllowedNetwork(new byte[] {10, 0, 0, 0}, 12).contains(address("10.15.255.255"))).isTrue();
        assertThat(new AllowedNetwork(new byte[] {10, 0, 0, 0}, 12).contains(address("10.16.0.0"))).isFalse();
        assertThat(AllowedNetwork.parse("0.0.0.0/0").contains(address("192.168.1.1"))).isTrue();
        for (String wrong : List.of("10.0.0.0", "10.0.0.0/33", "internal.example.com/24", "10.0.0.0/x", "/8")) {
            assertThatThrownBy(() -> AllowedNetwork.parse(wrong)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
