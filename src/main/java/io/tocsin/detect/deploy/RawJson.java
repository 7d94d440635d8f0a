package io.tocsin.detect.deploy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Byte-level looks into a topic value the watch has not decoded: where a top-level string member
 * starts and whether some ASCII text occurs. Sound for JSON as the project's mapper writes it (no
 * spaces between tokens, ASCII letters never escaped); a caller treats "not found" as "decode and
 * see", never as "absent".
 */
final class RawJson {

  private RawJson() {}

  /** {@code "name":"}, the bytes that begin a string member {@code name}. */
  static byte[] stringMember(String name) {
    return ("\"" + name + "\":\"").getBytes(StandardCharsets.US_ASCII);
  }

  /** Bytes of an ASCII {@code text}. */
  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Where the first string value of member {@code key} ({@link #stringMember}) begins in {@code
   * bytes}, or -1. An unescaped quote cannot occur inside a JSON string, so the first occurrence is
   * a member name.
   */
  static int valueStart(byte[] bytes, byte[] key) {
    int at = indexOf(bytes, key, 0);
    return at < 0 ? -1 : at + key.length;
  }

  /** The first index at or after {@code from} where {@code text} occurs in {@code bytes}, or -1. */
  static int indexOf(byte[] bytes, byte[] text, int from) {
    byte first = text[0];
    for (int i = from, last = bytes.length - text.length; i <= last; i++) {
      if (bytes[i] == first && occursAt(bytes, text, i)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code text} occurs in {@code bytes} at {@code at}. */
  static boolean occursAt(byte[] bytes, byte[] text, int at) {
    if (at < 0 || at + text.length > bytes.length) {
      return false;
    }
    for (int j = 0; j < text.length; j++) {
      if (bytes[at + j] != text[j]) {
        return false;
      }
    }
    return true;
  }

  /**
   * ASCII texts looked for all at once: one pass over the bytes that checks, at each byte, only the
   * texts beginning with it (one pass per text cost the watch two fifths of its thread).
   */
  static final class AnyOf {
    private final byte[][][] byFirstByte = new byte[256][][];

    /** Any of {@code texts}. */
    AnyOf(List<String> texts) {
      for (String text : texts) {
        byte[] bytes = ascii(text);
        int first = bytes[0] & 0xFF;
        byte[][] known = byFirstByte[first] == null ? new byte[0][] : byFirstByte[first];
        byte[][] more = Arrays.copyOf(known, known.length + 1);
        more[known.length] = bytes;
        byFirstByte[first] = more;
      }
    }

    /** Whether one of the texts occurs in {@code bytes} at or after {@code from}. */
    boolean occursIn(byte[] bytes, int from) {
      for (int i = Math.max(0, from); i < bytes.length; i++) {
        byte[][] candidates = byFirstByte[bytes[i] & 0xFF];
        if (candidates != null) {
          for (byte[] text : candidates) {
            if (occursAt(bytes, text, i)) {
              return true;
            }
          }
        }
      }
      return false;
    }
  }
}
