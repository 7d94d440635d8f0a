package io.tocsin.rules.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.rules.Cidr;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One {@code field|modifier|…: value(s)} entry of a Sigma selection, compiled: the field holds when
 * any of its values passes any listed value (all of them with {@code |all}). Values compare without
 * regard to case unless {@code |cased}; {@code null} means absent or null.
 */
final class SigmaFieldMatch {

  private static final List<String> TYPES =
      List.of(
          "contains",
          "startswith",
          "endswith",
          "re",
          "cidr",
          "exists",
          "fieldref",
          "gt",
          "gte",
          "lt",
          "lte");

  private final SigmaField field;
  private final List<SigmaValueTest> tests;
  private final boolean all;
  private final Boolean exists;
  private final boolean wantsNull;

  private SigmaFieldMatch(
      SigmaField field,
      List<SigmaValueTest> tests,
      boolean all,
      Boolean exists,
      boolean wantsNull) {
    this.field = field;
    this.tests = tests;
    this.all = all;
    this.exists = exists;
    this.wantsNull = wantsNull;
  }

  /** Compiles {@code key} ({@code field|modifiers}) with its value or list of values. */
  static SigmaFieldMatch compile(String key, JsonNode values) {
    List<String> parts = Arrays.asList(key.split("\\|", -1));
    SigmaField field = SigmaField.of(parts.get(0));
    Modifiers m = Modifiers.parse(parts.subList(1, parts.size()));
    List<JsonNode> written = new ArrayList<>();
    if (values.isArray()) {
      values.forEach(written::add);
    } else {
      written.add(values);
    }
    if (m.type.equals("exists")) {
      if (written.size() != 1 || !written.get(0).isBoolean()) {
        throw new SigmaUnsupportedException("field " + key + ": exists takes true or false");
      }
      return new SigmaFieldMatch(field, List.of(), false, written.get(0).asBoolean(), false);
    }
    List<SigmaValueTest> tests = new ArrayList<>();
    boolean wantsNull = false;
    for (JsonNode value : written) {
      if (value.isNull()) {
        wantsNull = true;
        continue;
      }
      if (value.isContainerNode()) {
        throw new SigmaUnsupportedException("field " + key + ": a nested list or map as a value");
      }
      for (String variant : m.transform(value.asText())) {
        tests.add(m.test(variant, key));
      }
    }
    return new SigmaFieldMatch(field, List.copyOf(tests), m.all, null, wantsNull);
  }

  /** Whether {@code event} satisfies this entry. */
  boolean test(JsonNode event) {
    List<JsonNode> values = field.values(event);
    if (exists != null) {
      return exists == values.stream().anyMatch(v -> !v.isNull());
    }
    if (wantsNull && values.stream().allMatch(JsonNode::isNull)) {
      return true;
    }
    if (tests.isEmpty()) {
      return false;
    }
    if (all) {
      for (SigmaValueTest test : tests) {
        if (!any(test, values, event)) {
          return false;
        }
      }
      return true;
    }
    for (SigmaValueTest test : tests) {
      if (any(test, values, event)) {
        return true;
      }
    }
    return false;
  }

  private static boolean any(SigmaValueTest test, List<JsonNode> values, JsonNode event) {
    for (JsonNode value : values) {
      if (test.test(value, event)) {
        return true;
      }
    }
    return false;
  }

  /** The modifier chain of one entry: one type, transforms, {@code all}, {@code cased}. */
  private static final class Modifiers {
    String type = "";
    final List<String> transforms = new ArrayList<>();
    boolean all;
    boolean cased;
    int regexFlags;

    static Modifiers parse(List<String> names) {
      Modifiers m = new Modifiers();
      for (String name : names) {
        switch (name) {
          case "all" -> m.all = true;
          case "cased" -> m.cased = true;
          case "base64", "base64offset", "windash" -> m.transforms.add(name);
          case "i" -> m.regexFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
          case "m" -> m.regexFlags |= Pattern.MULTILINE;
          case "s" -> m.regexFlags |= Pattern.DOTALL;
          case "wide", "utf16", "utf16le", "utf16be" ->
              throw new SigmaUnsupportedException(
                  "modifier " + name + " (UTF-16 byte encodings mean nothing in JSON text)");
          case "expand" ->
              throw new SigmaUnsupportedException("modifier expand (placeholders need a mapping)");
          default -> {
            if (!TYPES.contains(name)) {
              throw new SigmaUnsupportedException("modifier " + name);
            }
            if (!m.type.isEmpty()) {
              throw new SigmaUnsupportedException(
                  "modifiers " + m.type + " and " + name + " together");
            }
            m.type = name;
          }
        }
      }
      return m;
    }

    /** The variants of {@code value} after the transforms (several for base64offset, windash). */
    List<String> transform(String value) {
      List<String> variants = List.of(value);
      for (String transform : transforms) {
        List<String> next = new ArrayList<>();
        for (String v : variants) {
          switch (transform) {
            case "base64" -> next.add(base64(v.getBytes(StandardCharsets.UTF_8)));
            case "base64offset" -> next.addAll(base64Offsets(v));
            default -> {
              for (String dash : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
                next.add(v.replaceAll("(?<=^|\\s)[-/\u2013\u2014\u2015]", dash));
              }
            }
          }
        }
        variants = next.stream().distinct().toList();
      }
      return variants;
    }

    SigmaValueTest test(String value, String key) {
      return switch (type) {
        case "" -> SigmaValueTest.glob(value, cased);
        case "contains" -> SigmaValueTest.glob(Glob.wrap(value, true, true), cased);
        case "startswith" -> SigmaValueTest.glob(Glob.wrap(value, false, true), cased);
        case "endswith" -> SigmaValueTest.glob(Glob.wrap(value, true, false), cased);
        case "re" -> SigmaValueTest.regex(regex(value, key));
        case "cidr" -> SigmaValueTest.cidr(cidr(value, key));
        case "fieldref" -> SigmaValueTest.fieldRef(SigmaField.of(value), cased);
        case "gt" -> SigmaValueTest.compare(number(value, key), 1, false);
        case "gte" -> SigmaValueTest.compare(number(value, key), 1, true);
        case "lt" -> SigmaValueTest.compare(number(value, key), -1, false);
        default -> SigmaValueTest.compare(number(value, key), -1, true);
      };
    }

    private Pattern regex(String value, String key) {
      try {
        return Pattern.compile(value, regexFlags);
      } catch (PatternSyntaxException e) {
        throw new SigmaUnsupportedException(
            "field " + key + ": not a regular expression Java reads: " + e.getDescription());
      }
    }

    private static Cidr cidr(String value, String key) {
      try {
        return Cidr.parse(value);
      } catch (IllegalArgumentException e) {
        throw new SigmaUnsupportedException("field " + key + ": not a network: " + value);
      }
    }

    private static double number(String value, String key) {
      try {
        return Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new SigmaUnsupportedException("field " + key + ": not a number: " + value);
      }
    }

    private static String base64(byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }

    /** The three encodings of {@code value} at byte offsets 0, 1 and 2 of a base64 stream. */
    private static List<String> base64Offsets(String value) {
      byte[] raw = value.getBytes(StandardCharsets.UTF_8);
      List<String> out = new ArrayList<>(3);
      int[] start = {0, 2, 3};
      for (int shift = 0; shift < 3; shift++) {
        byte[] padded = new byte[raw.length + shift];
        System.arraycopy(raw, 0, padded, shift, raw.length);
        String encoded = Base64.getEncoder().encodeToString(padded);
        int[] endTrim = {0, 3, 2};
        int trim = endTrim[(raw.length + shift) % 3];
        out.add(encoded.substring(start[shift], encoded.length() - trim));
      }
      return out;
    }
  }
}
