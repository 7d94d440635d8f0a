package io.tocsin.rules;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address range ({@code 203.0.113.0/24}, {@code 2001:db8::/32}, or one address).
 * Only address literals are parsed, never host names: CloudTrail's {@code sourceIPAddress} is a
 * service name (e.g. {@code cloudformation.amazonaws.com}) for AWS-internal calls, and that is in
 * no range.
 */
public final class Cidr {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final byte[] network;
  private final int prefix;

  private Cidr(byte[] network, int prefix) {
    this.network = network;
    this.prefix = prefix;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException when it is not an address or range
   */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    byte[] address = address(slash < 0 ? text : text.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException("not an IP address or CIDR range: '" + text + "'");
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("bad prefix length in '" + text + "'");
      }
    }
    return new Cidr(address, prefix);
  }

  /** Whether {@code ip} is an address literal inside this range. */
  public boolean contains(String ip) {
    byte[] address = ip == null ? null : address(ip);
    if (address == null || address.length != network.length) {
      return false;
    }
    int bits = network.length * 8;
    BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    mask = mask.shiftRight(bits - prefix).shiftLeft(bits - prefix);
    return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
  }

  private static byte[] address(String text) {
    if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
      return null;
    }
    if (IPV4.matcher(text).matches()) {
      for (String part : text.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return null;
        }
      }
    }
    try {
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }
}
