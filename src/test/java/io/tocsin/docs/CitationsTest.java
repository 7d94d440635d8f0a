package io.tocsin.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code and README cite only documents that ship with the repository: no file under src/ or
 * README.md points at the team's shared data folder or at design and spec files kept outside it,
 * and every {@code filter-patterns.md §…} citation names a section or settled ambiguity that
 * topology-docs/filter-patterns.md has.
 */
class CitationsTest {

  private static final Path REFERENCE = Path.of("topology-docs/filter-patterns.md");
  private static final Pattern OUTSIDE =
      Pattern.compile("shared/data|\\.\\./shared|DESIGN\\.md|SPEC\\.md|Ambiguity A\\d");
  private static final Pattern CITATION =
      Pattern.compile("filter-patterns\\.md(?:\\s*(?:\\*|//|#)?\\s*)§(A?\\d+(?:\\.\\d+)*)");

  @Test
  void shouldCiteNothingOutsideTheRepository() throws IOException {
    List<String> outside = new ArrayList<>();
    for (Path file : files()) {
      List<String> lines = lines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (OUTSIDE.matcher(lines.get(i)).find()) {
          outside.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }
    assertThat(outside).as("citations of documents the repository does not have").isEmpty();
  }

  @Test
  void shouldCiteOnlySectionsAndAmbiguitiesTheReferenceHas() throws IOException {
    String reference = Files.readString(REFERENCE);
    List<String> missing = new ArrayList<>();
    int citations = 0;
    for (Path file : files()) {
      Matcher m = CITATION.matcher(String.join("\n", lines(file)));
      while (m.find()) {
        citations++;
        String id = m.group(1);
        boolean found =
            id.startsWith("A")
                ? reference.contains("<a id=\"" + id + "\"></a>")
                : Pattern.compile("(?m)^#{2,4} " + Pattern.quote(id) + "\\.? ")
                    .matcher(reference)
                    .find();
        if (!found) {
          missing.add(file + ": §" + id);
        }
      }
    }
    assertThat(missing).as("citations of sections filter-patterns.md does not have").isEmpty();
    assertThat(citations).as("citations found").isGreaterThan(40);
  }

  private static List<Path> files() throws IOException {
    List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
    Path self = Path.of("src/test/java/io/tocsin/docs/CitationsTest.java");
    try (Stream<Path> walk = Files.walk(Path.of("src"))) {
      walk.filter(Files::isRegularFile).filter(p -> !p.equals(self)).forEach(files::add);
    }
    return files;
  }

  private static List<String> lines(Path file) throws IOException {
    try {
      return Files.readAllLines(file);
    } catch (MalformedInputException binary) {
      return List.of();
    }
  }
}
