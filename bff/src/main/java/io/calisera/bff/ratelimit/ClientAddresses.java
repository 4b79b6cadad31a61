package io.calisera.bff.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Who a request's client is, for its rate limits: the address the connection comes from, unless
 * that is one of the operator's trusted proxies ({@code CALISERA_TRUSTED_PROXIES}); then the
 * address that the nearest proxy recorded in {@code X-Forwarded-For}, walking from its right end
 * past every trusted proxy. Entries left of the first untrusted one are whatever the client chose
 * to send, so they never count. Without trusted proxies the header is ignored: anyone can write it.
 * An IPv6 client is its /64 network, the block a single subscriber usually gets.
 */
final class ClientAddresses {

  static final String FORWARDED_FOR = "X-Forwarded-For";

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3}):\\d+");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)](:\\d+)?");

  private final List<IpAddressMatcher> trustedProxies;

  /**
   * @param trustedProxies addresses and networks (CIDR, e.g. {@code 10.0.0.0/8}) of the proxies
   *     whose {@code X-Forwarded-For} is believed
   * @throws IllegalArgumentException when one is not an address or a network
   */
  ClientAddresses(List<String> trustedProxies) {
    List<IpAddressMatcher> matchers = new ArrayList<>();
    for (String proxy : trustedProxies) {
      String address = proxy.trim();
      if (address.isEmpty()) {
        continue;
      }
      String host = address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
      if (literal(host) == null) {
        throw new IllegalArgumentException(
            "calisera.rate-limits.trusted-proxies (CALISERA_TRUSTED_PROXIES): '"
                + proxy
                + "' is not an IP address or network (a.b.c.d, a.b.c.d/n, an IPv6 address or"
                + " network)");
      }
      matchers.add(new IpAddressMatcher(address));
    }
    this.trustedProxies = List.copyOf(matchers);
  }

  /** The client of {@code request}, as the key of its rate-limit buckets. */
  String of(HttpServletRequest request) {
    String client = request.getRemoteAddr();
    if (trustedProxies.isEmpty() || !trusted(client)) {
      return key(client);
    }
    List<String> hops = forwardedFor(request);
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = literal(hops.get(i));
      if (hop == null) {
        break; // the nearest proxy wrote something that is not an address: it is its client
      }
      client = hop;
      if (!trusted(hop)) {
        break;
      }
    }
    return key(client);
  }

  private boolean trusted(String address) {
    for (IpAddressMatcher proxy : trustedProxies) {
      if (proxy.matches(address)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> forwardedFor(HttpServletRequest request) {
    List<String> hops = new ArrayList<>();
    for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
      for (String hop : header.split(",")) {
        if (!hop.isBlank()) {
          hops.add(hop.trim());
        }
      }
    }
    return hops;
  }

  /**
   * The address in an {@code X-Forwarded-For} entry ({@code a.b.c.d}, {@code a.b.c.d:port}, an IPv6
   * address, bracketed with or without a port), or null: never a host name, so nothing here asks
   * the DNS.
   */
  static String literal(String entry) {
    String text = entry.trim();
    var bracketed = BRACKETED_IPV6.matcher(text);
    if (bracketed.matches()) {
      text = bracketed.group(1);
    } else {
      var withPort = IPV4_WITH_PORT.matcher(text);
      if (withPort.matches()) {
        text = withPort.group(1);
      }
    }
    boolean ipv4 = IPV4.matcher(text).matches();
    if (ipv4 ? !octets(text) : !IPV6.matcher(text).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName(text).getHostAddress();
    } catch (UnknownHostException notAnAddress) {
      return null;
    }
  }

  private static boolean octets(String ipv4) {
    for (String octet : ipv4.split("\\.")) {
      if (Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /** IPv4 addresses as they are, IPv6 addresses as their /64 network. */
  static String key(String address) {
    try {
      InetAddress parsed = InetAddress.getByName(address);
      if (parsed instanceof Inet6Address) {
        byte[] network = new byte[8];
        System.arraycopy(parsed.getAddress(), 0, network, 0, 8);
        return HexFormat.of().formatHex(network) + "::/64";
      }
      return parsed.getHostAddress();
    } catch (UnknownHostException e) {
      return address; // the servlet container's own notation; never a host name
    }
  }
}
