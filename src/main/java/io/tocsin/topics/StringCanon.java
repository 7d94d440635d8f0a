package io.tocsin.topics;

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
