package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Fingerprints are the digest of rule id and group key, memoized or not. */
class FingerprintsTest {

  private static String digest(String ruleId, String groupKey) throws Exception {
    byte[] sha =
        MessageDigest.getInstance("SHA-256")
            .digest((ruleId + "\n" + groupKey).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha, 0, 16);
  }

  @Test
  void shouldGiveTheDigestFirstAfterAndWhenTheMemoStartsOver() throws Exception {
    String expected = digest("lambda-failure-rate", "log_group=/aws/lambda/orders");

    assertThat(Fingerprints.of("lambda-failure-rate", "log_group=/aws/lambda/orders"))
        .isEqualTo(expected)
        .hasSize(32);
    assertThat(Fingerprints.of("lambda-failure-rate", "log_group=/aws/lambda/orders"))
        .isEqualTo(expected);
    for (int i = 0; i <= Fingerprints.MEMO_LIMIT; i++) {
      Fingerprints.of("r", "g" + i); // fills the memo past its limit: it starts over
    }
    assertThat(Fingerprints.of("r", "g7")).isEqualTo(digest("r", "g7"));
    assertThat(Fingerprints.of("lambda-failure-rate", "log_group=/aws/lambda/orders"))
        .isEqualTo(expected);
    assertThat(Fingerprints.of("lambda-failure-rate", "log_group=/aws/lambda/other"))
        .isNotEqualTo(expected);
  }
}
