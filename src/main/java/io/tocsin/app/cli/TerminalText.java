package io.tocsin.app.cli;

/**
 * Makes text from events safe to print on a terminal: every control character is shown as a visible
 * escape instead of being sent to the terminal.
 *
 * <p>An IAM user, log group or log line can carry bytes that a terminal acts on: ESC starts CSI
 * sequences ({@code ESC[2J} clears the screen) and OSC sequences (window titles, hyperlinks), BEL
 * rings, C1 controls ({@code U+009B} is a one-character CSI on some terminals) and bidirectional
 * overrides ({@code U+202E}) reorder what follows, so a line can show something other than what it
 * says. Here ESC prints as {@code \e}, tab, newline and carriage return as {@code \t}, {@code \n},
 * {@code \r}, the other C0 controls, DEL and C1 controls as {@code \xNN}, and bidi controls and
 * line/paragraph separators as a backslash, {@code u} and four hex digits. The sequences that
 * follow an escaped ESC are then plain text, visible and inert. Everything else, including
 * non-ASCII letters, passes unchanged.
 */
public final class TerminalText {

  private TerminalText() {}

  /** {@code text} with every control character escaped visibly; {@code null} stays {@code null}. */
  public static String safe(String text) {
    if (text == null) {
      return null;
    }
    int first = firstUnsafe(text);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    out.append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (unsafe(c)) {
        escape(out, c);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * {@code text} of several lines, each made {@link #safe}: the line breaks stay (a multi-line
   * description reads as lines), every other control character is escaped.
   */
  public static String safeLines(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      out.append(i == 0 ? "" : "\n").append(safe(lines[i]));
    }
    return out.toString();
  }

  /** Whether {@code c} is a character a terminal may act on rather than show. */
  static boolean unsafe(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == '\u061c'
        || c == '\u200e'
        || c == '\u200f'
        || (c >= '\u2028' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }

  private static int firstUnsafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (unsafe(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static void escape(StringBuilder out, char c) {
    switch (c) {
      case 0x1b -> out.append("\\e");
      case '\t' -> out.append("\\t");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      default -> {
        if (c <= 0xff) {
          out.append(String.format("\\x%02x", (int) c));
        } else {
          out.append(String.format("\\u%04x", (int) c));
        }
      }
    }
  }
}
