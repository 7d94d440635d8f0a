package io.tocsin.pattern;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A compiled {@code [ … ]} pattern (filter-patterns.md §6): elements aligned with the fields of a
 * space-delimited event, from the start and, after an ellipsis, from the end.
 */
final class DelimitedPattern implements EventMatcher {

  /** One element: a field name (null when unnamed) and a condition (null when none). */
  private record Element(String name, Predicate<String> condition) {
    /**
     * What the field at {@code slot} must hold: an exact text, a text it contains, which the
     * message then contains too (a field is a part of the message as written), or a number beyond a
     * bound.
     */
    Requirement requirement(FieldSlot slot) {
      if (condition == null) {
        return Requirement.NONE;
      }
      return ConditionParser.requirement(
          condition,
          leaf -> {
            Comparison comparison = ((FieldTest) leaf).comparison();
            String exact = comparison.exactText();
            String contained = comparison.containedText();
            List<Requirement> needs = new ArrayList<>();
            if (exact != null) {
              needs.add(Requirement.of(new Need.Equals(slot, exact)));
            }
            if (contained != null) {
              needs.add(Requirement.of(new Need.Contains(contained)));
            }
            if (comparison.bound() != null) {
              needs.add(Requirement.of(new Need.Passes(slot, comparison)));
            }
            return Requirement.allOf(needs);
          });
    }
  }

  /** A comparison on the value of one field. */
  private record FieldTest(Comparison comparison) implements Predicate<String> {
    @Override
    public boolean test(String value) {
      return comparison.testText(value);
    }
  }

  /**
   * The value a pattern element binds: field {@code index} from the start, or {@code index}th from
   * the end; with {@code rest}, together with every field after it (see {@link #beforeValue}).
   */
  private record FieldSlot(int index, boolean fromEnd, boolean rest) implements Slot {
    @Override
    public String textIn(LogInput input) {
      if (input.isJsonObject()) {
        return null;
      }
      EventFields fields = input.fields();
      int i = fromEnd ? fields.count() - index : index;
      if (i < 0 || i >= fields.count()) {
        return null;
      }
      return rest ? fields.restFrom(i) : fields.value(i);
    }
  }

  private static final Element UNNAMED = new Element(null, null);

  private final Element[] before;
  private final Element[] after;
  private final boolean ellipsis;

  private DelimitedPattern(List<Element> before, List<Element> after, boolean ellipsis) {
    this.before = before.toArray(new Element[0]);
    this.after = after.toArray(new Element[0]);
    this.ellipsis = ellipsis;
  }

  /** Parses {@code text[start, end)}, which starts with '[' and ends with ']'. */
  static DelimitedPattern parse(String text, int start, int end) {
    Cursor cursor = new Cursor(text, start + 1, end - 1);
    List<Element> before = new ArrayList<>();
    List<Element> after = new ArrayList<>();
    Set<String> names = new HashSet<>();
    boolean ellipsis = false;
    cursor.skipWhitespace();
    while (!cursor.atEnd()) {
      int at = cursor.pos();
      if (cursor.consume("...")) {
        if (ellipsis) {
          throw cursor.error(at, "Only one '...' is allowed in a filter pattern");
        }
        ellipsis = true;
      } else {
        Element element = cursor.peek() == ',' ? UNNAMED : element(cursor);
        if (element.name() != null && !names.add(element.name())) {
          throw cursor.error(at, "Field name '" + element.name() + "' is used twice");
        }
        (ellipsis ? after : before).add(element);
      }
      cursor.skipWhitespace();
      if (!cursor.atEnd()) {
        cursor.expect(',');
        cursor.skipWhitespace();
        if (cursor.atEnd()) {
          // A trailing comma is one more, unnamed field: [..., status_code=4*,]
          (ellipsis ? after : before).add(UNNAMED);
        }
      }
    }
    // `[]` matches every event (API example), like a lone ellipsis.
    return new DelimitedPattern(before, after, ellipsis || before.isEmpty());
  }

  private static Element element(Cursor cursor) {
    int at = cursor.pos();
    String name = cursor.identifier();
    if (name.isEmpty() && cursor.peek() != '(') {
      throw cursor.unexpected("a field name, '...' or ','");
    }
    cursor.skipWhitespace();
    if (!name.isEmpty() && (cursor.atEnd() || cursor.peek() == ',')) {
      return new Element(name, null);
    }
    cursor.pos(at);
    // filter-patterns.md §A26: parentheses group the conditions of one element, as in JSON
    // patterns.
    FieldConditions leaves = new FieldConditions();
    Predicate<String> condition = ConditionParser.parse(cursor, leaves::read);
    return new Element(leaves.name, condition);
  }

  /** Reads the comparisons of one element, all of which must test that element's own field. */
  private static final class FieldConditions {
    private String name;

    Predicate<String> read(Cursor cursor) {
      int at = cursor.pos();
      String field = cursor.identifier();
      if (field.isEmpty()) {
        throw cursor.unexpected("a field name");
      }
      if (name == null) {
        name = field;
      } else if (!name.equals(field)) {
        // filter-patterns.md §A25: AWS rejects [..., status_code = 4* && bytes > 1000].
        throw cursor.error(
            at,
            "A condition in field '"
                + name
                + "' may only test '"
                + name
                + "', not '"
                + field
                + "'");
      }
      cursor.skipWhitespace();
      return new FieldTest(Comparison.read(cursor, ",)"));
    }
  }

  /**
   * filter-patterns.md §2: a delimited pattern never matches a JSON event and never falls back to
   * text.
   */
  @Override
  public boolean matches(LogInput input) {
    if (input.isJsonObject()) {
      return false;
    }
    EventFields fields = input.fields();
    if (!aligns(fields)) {
      return false;
    }
    // An element without a condition accepts any value: its value is never cut out.
    for (int i = 0; i < before.length; i++) {
      Predicate<String> condition = before[i].condition();
      if (condition != null && !condition.test(beforeValue(fields, i))) {
        return false;
      }
    }
    int firstAfter = fields.count() - after.length;
    for (int j = 0; j < after.length; j++) {
      Predicate<String> condition = after[j].condition();
      if (condition != null && !condition.test(fields.value(firstAfter + j))) {
        return false;
      }
    }
    return true;
  }

  /** Every element's requirement of the field it binds. */
  @Override
  public Requirement requirement() {
    List<Requirement> parts = new ArrayList<>();
    for (int i = 0; i < before.length; i++) {
      parts.add(
          before[i].requirement(new FieldSlot(i, false, !ellipsis && i == before.length - 1)));
    }
    for (int j = 0; j < after.length; j++) {
      parts.add(after[j].requirement(new FieldSlot(after.length - j, true, false)));
    }
    return Requirement.allOf(parts);
  }

  /** Whether the pattern names a field {@code name}. */
  boolean hasField(String name) {
    return indexOf(before, name) >= 0 || indexOf(after, name) >= 0;
  }

  /** The value bound to the element called {@code name}, or null if the event does not align. */
  String namedValue(LogInput input, String name) {
    EventFields fields = input.fields();
    if (!aligns(fields)) {
      return null;
    }
    int i = indexOf(before, name);
    if (i >= 0) {
      return beforeValue(fields, i);
    }
    int j = indexOf(after, name);
    return j >= 0 ? fields.value(fields.count() - after.length + j) : null;
  }

  /**
   * The value bound to 1-based position {@code n} (filter-patterns.md §6.5: {@code $1}, {@code $2},
   * …), or null when there is no such position.
   */
  String positionalValue(LogInput input, int n) {
    EventFields fields = input.fields();
    int bound = ellipsis ? fields.count() : before.length;
    return aligns(fields) && n >= 1 && n <= bound
        ? (ellipsis ? fields.value(n - 1) : beforeValue(fields, n - 1))
        : null;
  }

  /**
   * Without an ellipsis the event needs at least as many fields as the pattern has elements and the
   * last element takes the rest of the line (filter-patterns.md §A13: so {@code [w1=ERROR]} fails
   * on a multi-word line); with one, the elements after it bind from the end.
   */
  private boolean aligns(EventFields fields) {
    return fields.count() >= before.length + after.length;
  }

  private String beforeValue(EventFields fields, int i) {
    return !ellipsis && i == before.length - 1 ? fields.restFrom(i) : fields.value(i);
  }

  private static int indexOf(Element[] elements, String name) {
    for (int i = 0; i < elements.length; i++) {
      if (name.equals(elements[i].name())) {
        return i;
      }
    }
    return -1;
  }
}
