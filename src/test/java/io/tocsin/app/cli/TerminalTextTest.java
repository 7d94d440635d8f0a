package io.tocsin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalTextTest {

  private static final String CLEAR_SCREEN = "\u001b[2J\u001b[H";
  private static final String OSC_TITLE = "\u001b]0;pwned\u0007";
  private static final String C1_CSI = "\u009b31m";
  private static final String BIDI = "evil\u202etxt.exe\u2066x\u2069";

  @Test
  void shouldShowEscapeSequencesAsPlainVisibleText() {
    assertThat(TerminalText.safe("user" + CLEAR_SCREEN)).isEqualTo("user\\e[2J\\e[H");
    assertThat(TerminalText.safe(OSC_TITLE)).isEqualTo("\\e]0;pwned\\x07");
  }

  @Test
  void shouldEscapeC1ControlsDelAndBell() {
    assertThat(TerminalText.safe(C1_CSI)).isEqualTo("\\x9b31m");
    assertThat(TerminalText.safe("a\u007fb\u0085c\u0007")).isEqualTo("a\\x7fb\\x85c\\x07");
  }

  @Test
  void shouldEscapeBidiOverridesAndIsolates() {
    assertThat(TerminalText.safe(BIDI)).isEqualTo("evil\\u202etxt.exe\\u2066x\\u2069");
    assertThat(TerminalText.safe("a\u200fb\u2028c")).isEqualTo("a\\u200fb\\u2028c");
  }

  @Test
  void shouldKeepLineBreaksFromSplittingOneRecordOverLines() {
    assertThat(TerminalText.safe("one\r\ntwo\tthree")).isEqualTo("one\\r\\ntwo\\tthree");
  }

  @Test
  void shouldLeaveOrdinaryTextAndNonAsciiLettersAlone() {
    String text = "arn:aws:iam::123456789012:user/zoë — Größe 東京 \\path";
    assertThat(TerminalText.safe(text)).isSameAs(text);
    assertThat(TerminalText.safe(null)).isNull();
  }

  @Test
  void shouldNeverLetAnyControlCharacterThrough() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x3000; c++) {
      all.append(c);
    }
    String safe = TerminalText.safe(all.toString());
    assertThat(safe.chars()).noneMatch(c -> TerminalText.unsafe((char) c.intValue()));
    assertThat(safe).contains("\\x00", "\\x1f", "\\e", "\\x7f", "\\x9f", "\\u202a", "\\u2069");
  }

  @Test
  void shouldPrintHostileAlertFieldsInertInListAndTail() {
    JsonNode alert =
        Json.MAPPER
            .createObjectNode()
            .put("fingerprint", "f1f2889184a196c04767133a73e2be8f")
            .put("status", "firing")
            .put("updatedAt", "2026-11-25T00:38:27.123Z")
            .put("count", 1)
            .put("title", "Console login — " + CLEAR_SCREEN + OSC_TITLE + C1_CSI + BIDI)
            .set(
                "rule",
                Json.MAPPER
                    .createObjectNode()
                    .put("id", "cis-console-login")
                    .put("severity", "high"));
    StringWriter table = new StringWriter();
    AlertText.table(
        new PrintWriter(table, true), List.of(alert), java.time.Instant.now(), Integer.MAX_VALUE);
    String line = AlertText.line(alert);

    for (String printed : List.of(table.toString(), line)) {
      assertThat(printed.replace("\n", "").chars())
          .noneMatch(c -> TerminalText.unsafe((char) c.intValue()));
    }
    assertThat(line).contains("Console login — \\e[2J\\e[H\\e]0;pwned\\x07\\x9b31mevil\\u202e");
    assertThat(table.toString()).contains("Console login — \\e[2J");
  }
}
