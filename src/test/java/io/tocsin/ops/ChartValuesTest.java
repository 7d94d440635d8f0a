package io.tocsin.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps helm/tocsin/values.yaml documented: every value carries a comment right above it. */
class ChartValuesTest {

  /**
   * Kubernetes objects passed through verbatim (toYaml): documented as a whole by the comment on
   * the block, their fields by the Kubernetes API reference.
   */
  private static final Set<String> PASS_THROUGH =
      Set.of(
          "resources",
          "podSecurityContext",
          "securityContext",
          "probes.startup",
          "probes.liveness",
          "probes.readiness");

  private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z_][\\w.-]*):(\\s.*)?$");
  private static final Pattern LIST_ITEM = Pattern.compile("^(\\s*)- .*$");

  @Test
  void shouldDocumentEveryValue() throws IOException {
    List<String> lines = Files.readAllLines(RenderedChart.CHART.resolve("values.yaml"));
    List<String> undocumented = new ArrayList<>();
    Deque<Entry> parents = new ArrayDeque<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher item = LIST_ITEM.matcher(line);
      Matcher key = KEY.matcher(line);
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      int indent = item.matches() ? item.group(1).length() : indentOf(line);
      while (!parents.isEmpty() && parents.peek().indent() >= indent) {
        parents.pop();
      }
      if (item.matches()) {
        parents.push(new Entry(indent, "[]"));
        continue;
      }
      if (!key.matches()) {
        continue;
      }
      String path = pathOf(parents, key.group(2));
      boolean covered =
          parents.stream().anyMatch(p -> p.name().equals("[]"))
              || PASS_THROUGH.stream().anyMatch(p -> path.startsWith(p + "."));
      if (!covered && (i == 0 || !lines.get(i - 1).strip().startsWith("#"))) {
        undocumented.add((i + 1) + ": " + path);
      }
      parents.push(new Entry(indent, key.group(2)));
    }
    assertThat(undocumented).as("values without a comment line right above them").isEmpty();
  }

  private static int indentOf(String line) {
    return line.length() - line.stripLeading().length();
  }

  private static String pathOf(Deque<Entry> parents, String key) {
    List<String> names = new ArrayList<>();
    parents.descendingIterator().forEachRemaining(p -> names.add(p.name()));
    names.add(key);
    return String.join(".", names);
  }

  /** A mapping key or list item ({@code []}) enclosing the current line. */
  private record Entry(int indent, String name) {}
}
