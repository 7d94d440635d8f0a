package io.tocsin.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * One {@code op value} test, shared by JSON conditions and delimited field conditions: numeric,
 * textual with leading/trailing {@code *} wildcards, {@code %regex%}, or the lone {@code *}.
 */
final class Comparison {

  /** The comparison operators of filter-patterns.md §5.1. */
  enum Operator {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    boolean relational() {
      return this != EQ && this != NE;
    }

    boolean holds(int cmp) {
      return switch (this) {
        case EQ -> cmp == 0;
        case NE -> cmp != 0;
        case LT -> cmp < 0;
        case LE -> cmp <= 0;
        case GT -> cmp > 0;
        case GE -> cmp >= 0;
      };
    }

    static Operator read(Cursor cursor) {
      // filter-patterns.md §A9: CDK rewrites '==' to '=' client-side; accepting it is harmless.
      if (cursor.consume("==")) {
        return EQ;
      }
      for (Operator op : new Operator[] {NE, LE, GE, EQ, LT, GT}) {
        if (cursor.consume(op.symbol)) {
          return op;
        }
      }
      throw cursor.unexpected("a comparison operator (=, !=, <, <=, >, >=)");
    }
  }

  /** What sort of value the comparison holds. */
  private enum Kind {
    NUMBER,
    TEXT,
    REGEX,
    ANY
  }

  private final Operator op;
  private final Kind kind;
  private final BigDecimal number;
  private final boolean longNumber;
  private final long longValue;
  private final String core;
  private final boolean leadingStar;
  private final boolean trailingStar;
  private final AwsRegex regex;

  private Comparison(Operator op, Kind kind, String text, AwsRegex regex) {
    this.op = op;
    this.kind = kind;
    this.regex = regex;
    this.number = kind == Kind.NUMBER ? Numbers.parse(text) : null;
    this.longNumber = number != null && isLong(number);
    this.longValue = longNumber ? number.longValueExact() : 0;
    // filter-patterns.md §A10/A11: only a leading or trailing '*' is a wildcard; an interior one
    // is literal.
    this.leadingStar = kind == Kind.TEXT && text.startsWith("*");
    this.trailingStar = kind == Kind.TEXT && text.length() > 1 && text.endsWith("*");
    this.core =
        kind == Kind.TEXT
            ? text.substring(leadingStar ? 1 : 0, text.length() - (trailingStar ? 1 : 0))
            : null;
  }

  /** Reads {@code op value}; {@code valueStops} ends an unquoted value besides whitespace. */
  static Comparison read(Cursor cursor, String valueStops) {
    Operator op = Operator.read(cursor);
    cursor.skipWhitespace();
    int valueAt = cursor.pos();
    if (cursor.peek() == '%' && !cursor.atEnd()) {
      AwsRegex regex = cursor.regex();
      if (op.relational()) {
        throw cursor.error(valueAt, "Operator '" + op.symbol + "' needs a numeric value");
      }
      return new Comparison(op, Kind.REGEX, regex.source(), regex);
    }
    boolean quoted = cursor.peek() == '"' && !cursor.atEnd();
    String text = quoted ? cursor.quoted() : cursor.bare(valueStops);
    boolean numeric = Numbers.isNumber(text);
    if (op.relational()) {
      if (!numeric) {
        throw cursor.error(valueAt, "Operator '" + op.symbol + "' needs a numeric value");
      }
      return new Comparison(op, Kind.NUMBER, text, null);
    }
    // A lone '*' matches any value, quoted or not (CDK's exists() emits = "*").
    Kind kind = text.equals("*") ? Kind.ANY : numeric && !quoted ? Kind.NUMBER : Kind.TEXT;
    return new Comparison(op, kind, text, null);
  }

  /**
   * Tests a string: a JSON string value or a delimited field.
   *
   * <p>filter-patterns.md §A7: a numeric literal against text that is not a number is false for
   * every operator, including {@code !=}; numeric-looking text compares by value.
   */
  boolean testText(String value) {
    return switch (kind) {
      case NUMBER -> {
        long small = longNumber ? Numbers.smallInteger(value) : Numbers.NOT_SMALL;
        if (small != Numbers.NOT_SMALL) {
          yield op.holds(Long.compare(small, longValue));
        }
        BigDecimal parsed = Numbers.parse(value);
        yield parsed != null && op.holds(parsed.compareTo(number));
      }
      case ANY -> op == Operator.EQ;
      case TEXT -> wildcardEquals(value) == (op == Operator.EQ);
      case REGEX -> regex.find(value) == (op == Operator.EQ);
    };
  }

  /**
   * Tests a JSON node. Only value nodes (strings and numbers) can satisfy a comparison, for {@code
   * !=} too; objects, arrays, null and booleans never do (filter-patterns.md §5.2,
   * filter-patterns.md §A8).
   */
  boolean testJson(JsonNode node) {
    if (node.isTextual()) {
      return testText(node.textValue());
    }
    if (!Numbers.isFiniteNumber(node)) {
      return false;
    }
    if (kind == Kind.NUMBER) {
      int cmp =
          longNumber && node.isIntegralNumber() && node.canConvertToLong()
              ? Long.compare(node.longValue(), longValue)
              : node.decimalValue().compareTo(number);
      return op.holds(cmp);
    }
    return testText(Numbers.text(node));
  }

  /** The number {@code <}, {@code <=}, {@code >} or {@code >=} compares with; else null. */
  BigDecimal bound() {
    return op.relational() ? number : null;
  }

  /** Whether a value must lie above {@link #bound} ({@code >}, {@code >=}), not below it. */
  boolean lowerBound() {
    return op == Operator.GT || op == Operator.GE;
  }

  /** The one text a value must be for this comparison to hold, or null when others can pass. */
  String exactText() {
    return kind == Kind.TEXT && op == Operator.EQ && !leadingStar && !trailingStar ? core : null;
  }

  /**
   * A non-empty text every value for which this comparison holds contains, or null when there is
   * none.
   */
  String containedText() {
    return kind == Kind.TEXT && op == Operator.EQ && !core.isEmpty() ? core : null;
  }

  private boolean wildcardEquals(String value) {
    if (leadingStar && trailingStar) {
      return value.contains(core);
    }
    if (leadingStar) {
      return value.endsWith(core);
    }
    return trailingStar ? value.startsWith(core) : value.equals(core);
  }

  private static boolean isLong(BigDecimal value) {
    try {
      value.longValueExact();
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }
}
