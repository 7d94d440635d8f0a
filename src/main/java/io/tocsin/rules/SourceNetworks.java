package io.tocsin.rules;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Names the network a CloudTrail {@code sourceIPAddress} comes from, the {@code source_network}
 * field: {@code AS<number>} when a configured {@link AsnTable} knows the address, else its /24
 * (IPv4, e.g. {@code 198.51.100.0/24}) or /48 (IPv6, e.g. {@code 2001:db8:1234::/48}). AWS service
 * names ({@code ec2.amazonaws.com}, {@code AWS Internal}) are no network: {@code null}.
 */
public final class SourceNetworks {

  /** Networks by address prefix only, without an AS number table. */
  public static final SourceNetworks PREFIXES = new SourceNetworks(null);

  private final AsnTable asns;

  private SourceNetworks(AsnTable asns) {
    this.asns = asns;
  }

  /** Networks by AS number where {@code asns} knows the address, else by prefix. */
  public static SourceNetworks byAsn(AsnTable asns) {
    return new SourceNetworks(asns);
  }

  /**
   * Networks by AS number from the {@code ip2asn} table in {@code file}, whose size is reported to
   * {@code say}; {@code tocsin run} and {@code tocsin replay} load the table this way.
   *
   * @throws IllegalArgumentException naming the file and line of a bad row
   * @throws java.io.UncheckedIOException naming the file when it cannot be read
   */
  public static SourceNetworks load(Path file, Consumer<String> say) {
    AsnTable table = AsnTable.load(file);
    say.accept("AS number table " + file + ": " + table.size() + " ranges");
    return byAsn(table);
  }

  /** The network of {@code sourceIp}, or {@code null} when it is no IP address. */
  public String of(String sourceIp) {
    byte[] address = IpLiteral.parse(sourceIp);
    if (address == null) {
      return null;
    }
    long asn = asns == null ? 0 : asns.asnOf(address);
    if (asn != 0) {
      return "AS" + asn;
    }
    if (IpLiteral.isIpv4(address)) {
      return (address[12] & 0xff)
          + "."
          + (address[13] & 0xff)
          + "."
          + (address[14] & 0xff)
          + ".0/24";
    }
    return Integer.toHexString(group(address, 0))
        + ":"
        + Integer.toHexString(group(address, 2))
        + ":"
        + Integer.toHexString(group(address, 4))
        + "::/48";
  }

  private static int group(byte[] address, int at) {
    return ((address[at] & 0xff) << 8) | (address[at + 1] & 0xff);
  }
}
