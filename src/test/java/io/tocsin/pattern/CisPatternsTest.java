package io.tocsin.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CIS and Security Hub patterns of cis_patterns.tsv, compiled verbatim. */
class CisPatternsTest {

  private static List<String[]> rows() throws IOException {
    try (InputStream in =
        CisPatternsTest.class.getResourceAsStream("/filter-patterns/cis_patterns.tsv")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Arrays.stream(text.split("\n")).skip(1).map(line -> line.split("\t")).toList();
    }
  }

  @Test
  void shouldCompileEveryCisAndSecurityHubPatternVerbatimAsJson() throws IOException {
    List<String[]> rows = rows();
    assertThat(rows).hasSize(21);
    for (String[] row : rows) {
      FilterPattern pattern = FilterPattern.compile(row[2]);
      assertThat(pattern.kind()).as(row[0]).isEqualTo(PatternKind.JSON);
      assertThat(pattern.text()).as(row[0]).isEqualTo(row[2]);
    }
  }

  @Test
  void shouldLetUnauthorizedOperationBypassExclusionsInCis41() throws IOException {
    FilterPattern cis41 =
        rows().stream()
            .filter(r -> r[0].equals("CIS-1.4.0-4.1"))
            .findFirst()
            .map(r -> FilterPattern.compile(r[2]))
            .orElseThrow();
    String denied =
        "{\"errorCode\":\"Client.UnauthorizedOperation\",\"eventName\":\"HeadBucket\","
            + "\"sourceIPAddress\":\"delivery.logs.amazonaws.com\"}";
    String headBucket = denied.replace("Client.UnauthorizedOperation", "AccessDenied");
    assertThat(cis41.matches(LogInput.ofMessage(denied))).isTrue();
    assertThat(cis41.matches(LogInput.ofMessage(headBucket))).isFalse();
  }
}
