package io.calisera.bff.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Who the client of a request is, with and without trusted proxies. */
class ClientAddressesTest {

  private static MockHttpServletRequest from(String peer, String... forwardedFor) {
    var request = new MockHttpServletRequest();
    request.setRemoteAddr(peer);
    for (String header : forwardedFor) {
      request.addHeader(ClientAddresses.FORWARDED_FOR, header);
    }
    return request;
  }

  @Test
  void withoutTrustedProxiesTheConnectionIsTheClient() {
    var clients = new ClientAddresses(List.of());
    assertThat(clients.of(from("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
  }

  @Test
  void behindTrustedProxiesTheClientIsTheNearestUntrustedHop() {
    var clients = new ClientAddresses(List.of("10.0.0.0/8", "2001:db8:ffff::/48"));
    assertThat(clients.of(from("10.0.0.1", "198.51.100.1"))).isEqualTo("198.51.100.1");
    assertThat(clients.of(from("10.0.0.1", "6.6.6.6, 198.51.100.1, 10.2.3.4")))
        .as("what the client wrote itself does not count")
        .isEqualTo("198.51.100.1");
    assertThat(clients.of(from("10.0.0.1", "6.6.6.6", "198.51.100.1:4711")))
        .as("several headers, a port")
        .isEqualTo("198.51.100.1");
    assertThat(clients.of(from("2001:db8:ffff::1", "[2001:db8:1:2::3]:443")))
        .isEqualTo("20010db800010002::/64");
    assertThat(clients.of(from("10.0.0.1", "unknown"))).as("not an address").isEqualTo("10.0.0.1");
    assertThat(clients.of(from("10.0.0.1"))).as("no header").isEqualTo("10.0.0.1");
    assertThat(clients.of(from("10.0.0.1", "10.0.0.2"))).as("only proxies").isEqualTo("10.0.0.2");
    assertThat(clients.of(from("203.0.113.7", "198.51.100.1")))
        .as("an untrusted peer")
        .isEqualTo("203.0.113.7");
  }

  @Test
  void anIpv6ClientIsItsSlash64() {
    var clients = new ClientAddresses(List.of());
    assertThat(clients.of(from("2001:db8:1:2::5")))
        .isEqualTo(clients.of(from("2001:db8:1:2:ffff:eeee:dddd:cccc")))
        .isNotEqualTo(clients.of(from("2001:db8:1:3::5")));
  }

  @Test
  void hostNamesAndMalformedEntriesAreNeverLookedUp() {
    for (String entry : new String[] {"example.com", "999.1.1.1", "1.2.3", "abc", "[x]", ""}) {
      assertThat(ClientAddresses.literal(entry)).as(entry).isNull();
    }
    assertThat(ClientAddresses.literal("::ffff:198.51.100.1")).isEqualTo("198.51.100.1");
  }

  @Test
  void aTrustedProxyMustBeAnAddressOrANetwork() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ClientAddresses(List.of("proxy.example.com")))
        .withMessageContaining("CALISERA_TRUSTED_PROXIES")
        .withMessageContaining("proxy.example.com");
  }
}
