package io.tocsin.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.WrittenNumber;
import java.math.BigDecimal;

/**
 * The number syntax of filter patterns ({@code [+-]? (d+ ('.' d+)? | '.' d+) ([eE][+-]?d+)?}) and
 * the numeric and textual views of JSON number nodes.
 */
final class Numbers {
  /** Longer texts are never treated as numbers, which bounds the cost of parsing them. */
  private static final int MAX_LENGTH = 400;

  /** Returned by {@link #smallInteger} for text that is not a plain integer of up to 18 digits. */
  static final long NOT_SMALL = Long.MIN_VALUE;

  private Numbers() {}

  /**
   * The value of a plain integer ({@code [+-]?\d{1,18}}) without allocating, or {@link #NOT_SMALL}
   * for any other text (which may still be a number: use {@link #parse}).
   */
  static long smallInteger(String s) {
    int n = s.length();
    int i = n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    if (n == i || n - i > 18) {
      return NOT_SMALL;
    }
    long value = 0;
    for (int k = i; k < n; k++) {
      char c = s.charAt(k);
      if (!Cursor.isAsciiDigit(c)) {
        return NOT_SMALL;
      }
      value = value * 10 + (c - '0');
    }
    return s.charAt(0) == '-' ? -value : value;
  }

  /** Whether {@code s} is a number in filter-pattern syntax. */
  static boolean isNumber(CharSequence s) {
    int n = s.length();
    if (n == 0 || n > MAX_LENGTH) {
      return false;
    }
    int i = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
    int intDigits = countDigits(s, i);
    i += intDigits;
    if (i < n && s.charAt(i) == '.') {
      int fraction = countDigits(s, i + 1);
      if (fraction == 0) {
        return false;
      }
      i += 1 + fraction;
    } else if (intDigits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponent = countDigits(s, i);
      if (exponent == 0) {
        return false;
      }
      i += exponent;
    }
    return i == n;
  }

  /** The value of {@code s}, or null when it is not a number in filter-pattern syntax. */
  static BigDecimal parse(String s) {
    if (!isNumber(s)) {
      return null;
    }
    try {
      return new BigDecimal(s.charAt(0) == '+' ? s.substring(1) : s);
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  /** Whether {@code node} is a number with a finite value (a tree built in code may hold NaN). */
  static boolean isFiniteNumber(JsonNode node) {
    return node.isNumber()
        && !((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue()));
  }

  /**
   * The text of a JSON number node: as written in the event for a message parsed here ({@link
   * WrittenNumber}) and for integers; for other numbers of a tree built elsewhere, which no longer
   * knows whether {@code 1e3} was written with an exponent, plain decimal notation (huge exponents
   * keep scientific notation rather than expanding to millions of digits).
   */
  static String text(JsonNode number) {
    if (number instanceof WrittenNumber written) {
      return written.written();
    }
    if (number.isIntegralNumber()) {
      return number.asText();
    }
    BigDecimal value = number.decimalValue();
    return Math.abs((long) value.scale()) <= MAX_LENGTH ? value.toPlainString() : value.toString();
  }

  private static int countDigits(CharSequence s, int from) {
    int i = from;
    while (i < s.length() && Cursor.isAsciiDigit(s.charAt(i))) {
      i++;
    }
    return i - from;
  }
}
