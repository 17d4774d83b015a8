package dev.sessio.gateway.edge;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressTest {

    final ClientAddress behindIngress = new ClientAddress(List.of("10.0.0.0/8", "fd00::/8"));

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverItSends() {
        ClientAddress none = new ClientAddress(List.of());
        assertThat(none.resolve("203.0.113.9", "for=198.51.100.1", "198.51.100.2")).isEqualTo("203.0.113.9");
        assertThat(behindIngress.resolve("203.0.113.9", null, "198.51.100.2")).isEqualTo("203.0.113.9");
    }

    @Test
    void aTrustedProxyNamesTheClientReadFromTheRight() {
        assertThat(behindIngress.resolve("10.1.2.3", null, "198.51.100.2")).isEqualTo("198.51.100.2");
        // the client wrote the first entry itself, the ingress appended what it saw
        assertThat(behindIngress.resolve("10.1.2.3", null, "1.1.1.1, 198.51.100.2")).isEqualTo("198.51.100.2");
        // two trusted hops are skipped
        assertThat(behindIngress.resolve("10.1.2.3", null, "1.1.1.1, 198.51.100.2, 10.9.9.9"))
                .isEqualTo("198.51.100.2");
        assertThat(behindIngress.resolve("10.1.2.3", null, null)).isEqualTo("10.1.2.3");
    }

    @Test
    void forwardedIsPreferredAndItsQuotesBracketsAndPortsRead() {
        assertThat(behindIngress.resolve("10.1.2.3", "for=1.1.1.1, for=\"198.51.100.2:4711\";proto=https",
                "192.0.2.99")).isEqualTo("198.51.100.2");
        assertThat(behindIngress.resolve("10.1.2.3", "for=\"[2001:db8::7]:443\"", null)).isEqualTo("2001:db8::7");
        assertThat(behindIngress.resolve("fd00::1", "for=\"[2001:DB8:0:0::7]\"", null)).isEqualTo("2001:db8::7");
    }

    @Test
    void anEntryThatIsNotAnAddressStopsAtTheLastTrustedHop() {
        assertThat(behindIngress.resolve("10.1.2.3", "for=unknown", null)).isEqualTo("10.1.2.3");
        assertThat(behindIngress.resolve("10.1.2.3", null, "198.51.100.2, _hidden, 10.4.4.4")).isEqualTo("10.4.4.4");
    }

    @Test
    void anIpv4MappedPeerMatchesAnIpv4Range() {
        assertThat(behindIngress.resolve("::ffff:10.1.2.3", null, "198.51.100.2")).isEqualTo("198.51.100.2");
    }

    @Test
    void aTrustedProxyListMustHoldAddresses() {
        assertThatThrownBy(() -> new ClientAddress(List.of("ingress.local"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
    }
}
