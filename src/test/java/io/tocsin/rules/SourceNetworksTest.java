package io.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code source_network} of a CloudTrail source address, by prefix and by AS number. */
class SourceNetworksTest {

  @TempDir Path dir;

  private static Path example() throws URISyntaxException {
    return Path.of(SourceNetworksTest.class.getResource("/asn/ip2asn-example.tsv").toURI());
  }

  @Test
  void shouldNameAnAddressByItsSlash24OrSlash48WithoutATable() {
    SourceNetworks networks = SourceNetworks.PREFIXES;
    assertThat(networks.of("198.51.100.23")).isEqualTo("198.51.100.0/24");
    assertThat(networks.of("198.51.100.231")).isEqualTo("198.51.100.0/24");
    assertThat(networks.of("2001:db8:1234:5678::17")).isEqualTo("2001:db8:1234::/48");
    assertThat(networks.of("2001:DB8:0:ffff::1")).isEqualTo("2001:db8:0::/48");
    assertThat(networks.of("::ffff:203.0.113.9")).isEqualTo("203.0.113.0/24");
  }

  @Test
  void shouldGiveAwsServicesAndNonAddressesNoNetwork() {
    SourceNetworks networks = SourceNetworks.PREFIXES;
    assertThat(networks.of("ec2.amazonaws.com")).isNull();
    assertThat(networks.of("AWS Internal")).isNull();
    assertThat(networks.of("cafe:beef.example.com")).isNull();
    assertThat(networks.of("256.1.1.1")).isNull();
    assertThat(networks.of("10.0.0")).isNull();
    assertThat(networks.of(null)).isNull();
  }

  @Test
  void shouldNameAnAddressByItsAsNumberFromTheTableAndFallBackToItsPrefix() throws Exception {
    AsnTable table = AsnTable.load(example());
    SourceNetworks networks = SourceNetworks.byAsn(table);

    assertThat(table.size()).as("the not-routed row is no AS").isEqualTo(3);
    assertThat(networks.of("198.51.100.0")).isEqualTo("AS64500");
    assertThat(networks.of("198.51.100.255")).isEqualTo("AS64500");
    assertThat(networks.of("203.0.113.127")).isEqualTo("AS64501");
    assertThat(networks.of("203.0.113.128")).as("not routed").isEqualTo("203.0.113.0/24");
    assertThat(networks.of("192.0.2.1")).as("between ranges").isEqualTo("192.0.2.0/24");
    assertThat(networks.of("2001:db8:1234::1")).isEqualTo("AS64502");
    assertThat(networks.of("2001:db9::1")).isEqualTo("2001:db9:0::/48");
  }

  @Test
  void shouldNameTheFileLineAndColumnOfABadRow() throws IOException {
    Path file = dir.resolve("ip2asn.tsv");
    Files.writeString(
        file, "1.0.0.0\t1.0.0.255\t13335\tUS\tCLOUDFLARENET\n1.0.1.0\t1.0.1.x\t1\tCN\tX\n");
    assertThatThrownBy(() -> AsnTable.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ":2: range_end: expected an IPv4 or IPv6 address, got '1.0.1.x'");

    Files.writeString(file, "1.0.0.0\t1.0.0.255\tAS13335\tUS\tCLOUDFLARENET\n");
    assertThatThrownBy(() -> AsnTable.load(file))
        .hasMessage(file + ":1: AS_number: expected 0 to 4294967295, got 'AS13335'");

    Files.writeString(file, "1.0.0.9\t1.0.0.1\t13335\tUS\tCLOUDFLARENET\n");
    assertThatThrownBy(() -> AsnTable.load(file))
        .hasMessage(file + ":1: range_start 1.0.0.9 is after range_end 1.0.0.1");

    Files.writeString(file, "1.0.0.0 1.0.0.255 13335 US CLOUDFLARENET\n");
    assertThatThrownBy(() -> AsnTable.load(file))
        .hasMessageStartingWith(file + ":1: expected tab-separated range_start");
  }
}
