package io.tocsin.config;

import java.io.IOException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML syntax error as SnakeYAML found it: the line and column of the character it stopped on and
 * its whole problem, with the construct it was reading and where that began ("while scanning a
 * quoted scalar at line 3") — not the first line of a wrapped exception's message.
 *
 * @param line 1-based line, 0 when the parser gave no place
 * @param column 1-based column, 0 when the parser gave no place
 * @param message {@code not valid YAML: …}
 */
public record YamlSyntaxError(int line, int column, String message) {

  /** The syntax error {@code e} (from a Jackson YAML parser) reports. */
  public static YamlSyntaxError of(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
        Mark at = yaml.getProblemMark();
        String context =
            yaml.getContext() == null || yaml.getContextMark() == null
                ? ""
                : " ("
                    + yaml.getContext()
                    + " at line "
                    + (yaml.getContextMark().getLine() + 1)
                    + ", column "
                    + (yaml.getContextMark().getColumn() + 1)
                    + ")";
        return new YamlSyntaxError(
            at.getLine() + 1, at.getColumn() + 1, "not valid YAML: " + yaml.getProblem() + context);
      }
    }
    String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("syntax error");
    return new YamlSyntaxError(0, 0, "not valid YAML: " + first);
  }
}
