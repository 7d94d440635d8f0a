package io.tocsin.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The UTF-8 check ahead of parsing: its eight-bytes-a-step ASCII test at every length and place.
 */
class JsonInputTest {

  @Test
  void shouldFindANonAsciiByteAtEveryPositionOfEveryLength() {
    for (int length = 0; length <= 40; length++) {
      byte[] ascii = new byte[length];
      Arrays.fill(ascii, (byte) 0x7f);
      assertThat(JsonInput.isAscii(ascii)).as("length %d, all ASCII", length).isTrue();
      for (int at = 0; at < length; at++) {
        for (byte high : new byte[] {(byte) 0x80, (byte) 0xc3, (byte) 0xff}) {
          byte[] bytes = ascii.clone();
          bytes[at] = high;
          assertThat(JsonInput.isAscii(bytes))
              .as("length %d, byte %02x at %d", length, high, at)
              .isFalse();
        }
      }
    }
  }

  @Test
  void shouldAcceptValidUtf8AndRefuseATruncatedSequenceAfterAsciiWords() throws Exception {
    JsonInput.checkUtf8("{\"message\":\"naïve café ✓\"}".getBytes(StandardCharsets.UTF_8));
    byte[] truncated = "{\"message\":\"0123456789abcdef \u00e9\"}".getBytes(StandardCharsets.UTF_8);
    byte[] bad = Arrays.copyOf(truncated, truncated.length);
    bad[bad.length - 3] = (byte) 0x22; // the é's continuation byte replaced: a lone lead byte
    assertThatThrownBy(() -> JsonInput.checkUtf8(bad))
        .isInstanceOf(DecodeFailure.class)
        .satisfies(e -> assertThat(((DecodeFailure) e).reason()).isEqualTo(ReasonCode.BAD_UTF8));
  }
}
