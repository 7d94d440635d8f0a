package io.tocsin.topics;

import java.nio.charset.StandardCharsets;

/**
 * One shared {@code String} per recurring short value read from records — a log group, stream or
 * account recurs in thousands of events: a recent value comes back as the same instance, so reading
 * it allocates nothing and its hash code, used by every look-up downstream, is computed once.
 * Lock-free and safe to share between threads: a slot holds an immutable {@code String}, a slot
 * written by two threads at once keeps one of them, and a value is only ever returned after its
 * characters were compared.
 */
final class StringCanon {

  /** Longest value kept; longer ones are returned as new strings. */
  static final int MAX_LENGTH = 256;

  private final String[] slots;
  private final int mask;

  /** A canon of {@code 2^bits} slots. */
  StringCanon(int bits) {
    this.slots = new String[1 << bits];
    this.mask = slots.length - 1;
  }

  /** The string of {@code length} characters of {@code chars} from {@code offset}. */
  String of(char[] chars, int offset, int length) {
    if (length > MAX_LENGTH) {
      return new String(chars, offset, length);
    }
    int hash = 0;
    for (int i = offset; i < offset + length; i++) {
      hash = 31 * hash + chars[i];
    }
    int slot = (hash ^ (hash >>> 16)) & mask;
    String known = slots[slot];
    if (known != null && sameChars(known, chars, offset, length)) {
      return known;
    }
    String value = new String(chars, offset, length);
    slots[slot] = value;
    return value;
  }

  /**
   * The string of UTF-8 {@code bytes}, e.g. a record key: ASCII values share the slots of {@link
   * #of(char[], int, int)}, so a key and the same text read from a value are one instance; other
   * values come back as new strings.
   */
  String ofUtf8(byte[] bytes) {
    if (bytes.length > MAX_LENGTH) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    int hash = 0;
    for (byte b : bytes) {
      if (b < 0) {
        return new String(bytes, StandardCharsets.UTF_8);
      }
      hash = 31 * hash + b;
    }
    int slot = (hash ^ (hash >>> 16)) & mask;
    String known = slots[slot];
    if (known != null && sameBytes(known, bytes)) {
      return known;
    }
    String value = new String(bytes, StandardCharsets.ISO_8859_1); // ASCII, checked above
    slots[slot] = value;
    return value;
  }

  private static boolean sameBytes(String s, byte[] ascii) {
    if (s.length() != ascii.length) {
      return false;
    }
    for (int i = 0; i < ascii.length; i++) {
      if (s.charAt(i) != ascii[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameChars(String s, char[] chars, int offset, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (s.charAt(i) != chars[offset + i]) {
        return false;
      }
    }
    return true;
  }
}
