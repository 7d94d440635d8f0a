package io.tocsin.pattern;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators for the property tests: pattern-like text, valid patterns and log messages, seeded
 * with the spec's cases so that generated inputs reach deep into every parser.
 */
final class PatternArbitraries {
  private static final String SYNTAX = "{}[]()$.*%\"\\?-&|=!<>, ':_aAzZ09eE\t";
  private static final List<String[]> CASES = loadCases();
  private static final List<String> WORDS =
      List.of(
          "ERROR",
          "ERR",
          "OR",
          "WARN",
          "DEBUG",
          "timeout",
          "timed out",
          "a",
          "ab",
          "b",
          "ba",
          "request-id",
          "café",
          "404",
          "x");

  private PatternArbitraries() {}

  private static List<String[]> loadCases() {
    try (InputStream in =
        PatternArbitraries.class.getResourceAsStream("/filter-patterns/cases.tsv")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Arrays.stream(text.split("\n")).skip(1).map(line -> line.split("\t")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Text that looks like patterns: syntax soup, edited spec patterns and generated patterns. */
  static Arbitrary<String> patternLike() {
    Arbitrary<String> soup = Arbitraries.strings().withChars(SYNTAX).ofMaxLength(40);
    Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(30);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, soup),
        net.jqwik.api.Tuple.of(1, unicode),
        net.jqwik.api.Tuple.of(4, edited(Arbitraries.of(column(0)))),
        net.jqwik.api.Tuple.of(2, termPatterns()),
        net.jqwik.api.Tuple.of(2, jsonPatterns()));
  }

  /** Patterns that compile, of every kind. */
  static Arbitrary<FilterPattern> validPatterns() {
    return Arbitraries.oneOf(
            Arbitraries.of(column(0)),
            edited(Arbitraries.of(column(0))).filter(PatternArbitraries::compiles),
            termPatterns(),
            jsonPatterns().filter(PatternArbitraries::compiles))
        .map(FilterPattern::compile);
  }

  /** Log messages: spec events, edited events, JSON objects, word lines and arbitrary text. */
  static Arbitrary<String> messages() {
    return Arbitraries.oneOf(
        Arbitraries.of(column(1)),
        edited(Arbitraries.of(column(1))),
        jsonMessages(),
        wordLines(),
        Arbitraries.strings().all().ofMaxLength(40));
  }

  /** Term patterns over a small vocabulary, with ? and - prefixes and quoted phrases. */
  static Arbitrary<String> termPatterns() {
    return termLists().map(terms -> String.join(" ", terms));
  }

  /** The terms of a term pattern, one list element per term. */
  static Arbitrary<List<String>> termLists() {
    Arbitrary<String> term =
        Combinators.combine(
                Arbitraries.of("", "", "?", "-"),
                Arbitraries.of(WORDS),
                Arbitraries.of(true, false))
            .as(
                (prefix, word, quote) ->
                    prefix + (quote || word.contains(" ") ? "\"" + word + "\"" : word));
    return term.list().ofMinSize(1).ofMaxSize(4);
  }

  /** Lines made of vocabulary words, sometimes glued together, so term literals overlap. */
  static Arbitrary<String> wordLines() {
    return Combinators.combine(
            Arbitraries.of(WORDS).list().ofMaxSize(6), Arbitraries.of(" ", "", "-"))
        .as((words, glue) -> String.join(glue, words));
  }

  /** JSON patterns over the members of {@link #jsonMessages}, joined by one kind of operator. */
  static Arbitrary<String> jsonPatterns() {
    Arbitrary<String> selector =
        Arbitraries.of("$.a", "$.b", "$.a.b", "$.list[0]", "$.list[*]", "$.*", "$.['k.x']", "$.n");
    Arbitrary<String> test =
        Arbitraries.of(
            "= 1",
            "!= 1",
            "> 0.5",
            "<= -2",
            "= \"x\"",
            "= x*",
            "!= *y",
            "= *",
            "= %^x%",
            "= 1e2",
            "IS NULL",
            "NOT EXISTS",
            "IS TRUE",
            "IS FALSE",
            "= \"1\"");
    Arbitrary<String> condition = Combinators.combine(selector, test).as((s, t) -> s + " " + t);
    return Combinators.combine(
            condition.list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(" && ", " || "))
        .as((conditions, join) -> "{ " + String.join(join, conditions) + " }");
  }

  /** JSON objects with the members {@link #jsonPatterns} test: scalars, arrays and objects. */
  static Arbitrary<String> jsonMessages() {
    Arbitrary<String> scalar =
        Arbitraries.of(
            "1",
            "1.0",
            "-2",
            "100",
            "\"x\"",
            "\"xy\"",
            "\"1\"",
            "null",
            "true",
            "false",
            "\"\\u00fc\"",
            "1e2",
            "[]",
            "{}");
    Arbitrary<String> value =
        Arbitraries.oneOf(
            scalar,
            scalar.list().ofMaxSize(3).map(items -> "[" + String.join(",", items) + "]"),
            Combinators.combine(Arbitraries.of("\"b\"", "\"n\""), scalar)
                .as((k, v) -> "{" + k + ":" + v + "}"));
    Arbitrary<String> member =
        Combinators.combine(Arbitraries.of("\"a\"", "\"b\"", "\"k.x\"", "\"list\"", "\"n\""), value)
            .as((k, v) -> k + ":" + v);
    return member.list().ofMaxSize(4).map(members -> "{" + String.join(",", members) + "}");
  }

  /**
   * Space-delimited patterns over vocabulary words: named fields, exact, wildcard, numeric and
   * regex values (each test at most once, so at most one regex), an ellipsis anywhere or not at
   * all.
   */
  static Arbitrary<String> delimitedPatterns() {
    Arbitrary<String> test =
        Arbitraries.of(
            "",
            " = ERROR",
            " = \"timed out\"",
            " = *ERR*",
            " = ERR*",
            " = *b",
            " != ERROR",
            " = 404",
            " = \"404\"",
            " > 400",
            " = *",
            " = %^a%",
            " = a || f = b");
    return Combinators.combine(
            test.list().uniqueElements().ofMaxSize(4), Arbitraries.integers().between(-1, 4))
        .as(
            (tests, ellipsisAt) -> {
              List<String> elements = new ArrayList<>();
              for (int i = 0; i < tests.size(); i++) {
                elements.add("f" + i + tests.get(i).replace("f =", "f" + i + " ="));
              }
              if (ellipsisAt >= 0) {
                elements.add(Math.min(ellipsisAt, elements.size()), "...");
              }
              return "[" + String.join(", ", elements) + "]";
            });
  }

  /** Lines of vocabulary words, some in brackets or quotes, as delimited patterns split them. */
  static Arbitrary<String> delimitedLines() {
    Arbitrary<String> field =
        Arbitraries.oneOf(
            Arbitraries.of(WORDS),
            Arbitraries.of(WORDS).map(w -> "[" + w + " b]"),
            Arbitraries.of(WORDS).map(w -> "\"" + w + "\""));
    return Combinators.combine(field.list().ofMaxSize(6), Arbitraries.of(" ", "  ", "\t"))
        .as((fields, gap) -> String.join(gap, fields));
  }

  /** Applies one random edit (insert, delete, replace, truncate) to each generated text. */
  static Arbitrary<String> edited(Arbitrary<String> seeds) {
    return Combinators.combine(
            seeds,
            Arbitraries.integers().between(0, 2000),
            Arbitraries.integers().between(0, 3),
            Arbitraries.chars().with(SYNTAX.toCharArray()))
        .as(PatternArbitraries::edit);
  }

  private static String edit(String seed, int where, int how, char c) {
    int at = seed.isEmpty() ? 0 : where % (seed.length() + 1);
    String head = seed.substring(0, at);
    String tail = seed.substring(at);
    return switch (how) {
      case 0 -> head + c + tail;
      case 1 -> head + (tail.isEmpty() ? "" : tail.substring(1));
      case 2 -> head + c + (tail.isEmpty() ? "" : tail.substring(1));
      default -> head;
    };
  }

  private static List<String> column(int index) {
    return CASES.stream().map(row -> row.length > index ? row[index] : "").distinct().toList();
  }

  static boolean compiles(String text) {
    try {
      FilterPattern.compile(text);
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }
}
