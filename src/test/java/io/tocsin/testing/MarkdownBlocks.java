package io.tocsin.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The fenced code blocks of a Markdown file, for tests that check what the docs show. */
public final class MarkdownBlocks {

  private MarkdownBlocks() {}

  /**
   * The text of every block fenced as {@code ```language} in {@code file}, with the indentation of
   * its fence removed (blocks inside list items are indented).
   */
  public static List<String> of(Path file, String language) throws IOException {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    int indent = 0;
    for (String line : Files.readAllLines(file)) {
      String trimmed = line.strip();
      if (block == null && trimmed.equals("```" + language)) {
        block = new StringBuilder();
        indent = line.indexOf('`');
      } else if (block != null && trimmed.equals("```")) {
        blocks.add(block.toString());
        block = null;
      } else if (block != null) {
        block.append(line.length() >= indent ? line.substring(indent) : line.strip()).append('\n');
      }
    }
    return blocks;
  }
}
