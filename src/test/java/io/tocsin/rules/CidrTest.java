package io.tocsin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Allow-list address ranges. */
class CidrTest {

  @Test
  void shouldMatchIpv4AndIpv6AddressesInsideTheRangeOnly() {
    Cidr office = Cidr.parse("203.0.113.0/24");
    assertThat(office.contains("203.0.113.7")).isTrue();
    assertThat(office.contains("203.0.114.7")).isFalse();
    assertThat(Cidr.parse("198.51.100.23").contains("198.51.100.23")).isTrue();
    assertThat(Cidr.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
    Cidr v6 = Cidr.parse("2001:db8::/32");
    assertThat(v6.contains("2001:db8:1::5")).isTrue();
    assertThat(v6.contains("2001:db9::5")).isFalse();
    assertThat(v6.contains("203.0.113.7")).as("another family").isFalse();
  }

  @Test
  void shouldNeverResolveAServiceNameAsCloudTrailWritesForInternalCalls() {
    Cidr any = Cidr.parse("0.0.0.0/0");
    assertThat(any.contains("cloudformation.amazonaws.com")).isFalse();
    assertThat(any.contains("AWS Internal")).isFalse();
    assertThat(any.contains(null)).isFalse();
    assertThat(any.contains("999.1.1.1")).isFalse();
  }

  @Test
  void shouldRejectWhatIsNotARange() {
    assertThatThrownBy(() -> Cidr.parse("office.example.com"))
        .hasMessage("not an IP address or CIDR range: 'office.example.com'");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x"))
        .hasMessage("bad prefix length in '10.0.0.0/x'");
  }
}
