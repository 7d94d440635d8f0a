package io.tocsin.rules;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses IP address literals without name lookups: IPv4 dotted quads and IPv6 text forms, as
 * 16-byte addresses (IPv4 as {@code ::ffff:a.b.c.d}) that compare unsigned in address order.
 */
final class IpLiteral {

  private IpLiteral() {}

  /** The 16-byte address of {@code text}, or {@code null} when it is no IP literal. */
  static byte[] parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    byte[] v4 = ipv4(text);
    if (v4 != null) {
      return mapped(v4);
    }
    return text.indexOf(':') >= 0 && text.charAt(0) != '.' && onlyIpv6Characters(text)
        ? ipv6(text)
        : null;
  }

  private static byte[] mapped(byte[] v4) {
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(v4, 0, mapped, 12, 4);
    return mapped;
  }

  /** Whether a 16-byte address is an IPv4 one. */
  static boolean isIpv4(byte[] address) {
    for (int i = 0; i < 10; i++) {
      if (address[i] != 0) {
        return false;
      }
    }
    return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
  }

  private static byte[] ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        return null;
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        return null;
      }
      out[i] = (byte) octet;
    }
    return out;
  }

  private static boolean onlyIpv6Characters(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex && c != ':' && c != '.') {
        return false;
      }
    }
    return true;
  }

  /**
   * An IPv6 literal: it starts with a hex digit or a colon and holds only hex digits, colons and
   * dots, which the JDK parses as a literal, never looking the name up.
   */
  private static byte[] ipv6(String text) {
    try {
      byte[] raw = InetAddress.getByName(text).getAddress();
      return raw.length == 16 ? raw : mapped(raw);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
