package io.tocsin.app.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Lays out descriptions, footers and the command list of every {@code --help} so that they fit the
 * usage width (80 columns unless the terminal is wider) without broken sentences: prose lines are
 * joined into paragraphs and wrapped at spaces, indented lines (examples) keep their layout and
 * wrap under their own text column, and the command list shows each command's first whole sentence.
 */
final class HelpLayout {

  private HelpLayout() {}

  /** Installs the layout on {@code command} and every command under it. */
  static void install(CommandLine command) {
    Map<String, CommandLine.IHelpSectionRenderer> sections = command.getHelpSectionMap();
    sections.put(
        UsageMessageSpec.SECTION_KEY_DESCRIPTION,
        h -> block(h.commandSpec().usageMessage().description(), width(h)));
    sections.put(
        UsageMessageSpec.SECTION_KEY_FOOTER,
        h -> block(h.commandSpec().usageMessage().footer(), width(h)));
    sections.put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
    command.setHelpSectionMap(sections);
    command.getSubcommands().values().stream().distinct().forEach(HelpLayout::install);
  }

  private static int width(Help help) {
    return help.commandSpec().usageMessage().width();
  }

  /** {@code lines} as paragraphs and indented lines, each line ending in a newline. */
  static String block(String[] lines, int width) {
    StringBuilder out = new StringBuilder();
    StringBuilder paragraph = new StringBuilder();
    for (String raw : lines) {
      String line = raw.replace("%n", " ").replace("%%", "%").stripTrailing();
      if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
        flush(paragraph, width, out);
        if (line.isEmpty()) {
          out.append('\n');
        } else {
          wrap(line, width, hangingIndent(line), out);
        }
      } else {
        paragraph.append(paragraph.isEmpty() ? "" : " ").append(line.strip());
      }
    }
    flush(paragraph, width, out);
    return out.toString();
  }

  /** The list of subcommands, each with the first sentence of its description. */
  private static String commandList(Help help) {
    Map<String, Help> subcommands = help.subcommands();
    if (subcommands.isEmpty()) {
      return "";
    }
    int nameWidth = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0);
    int indent = 2 + nameWidth + 2;
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Help> sub : subcommands.entrySet()) {
      String name = sub.getKey();
      String row =
          "  "
              + name
              + " ".repeat(indent - 2 - name.length())
              + summary(sub.getValue().commandSpec().usageMessage());
      wrap(row, width(help), indent, out);
    }
    return out.toString();
  }

  /** The first sentence of the header, or else of the description's first paragraph. */
  static String summary(UsageMessageSpec usage) {
    String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
    StringBuilder first = new StringBuilder();
    for (String line : lines) {
      if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
        break;
      }
      first.append(first.isEmpty() ? "" : " ").append(line.strip());
    }
    String text = first.toString();
    for (int at = text.indexOf(". "); at >= 0; at = text.indexOf(". ", at + 1)) {
      String before = text.substring(0, at);
      if (!before.endsWith("e.g") && !before.endsWith("i.e") && !before.endsWith("etc")) {
        return text.substring(0, at + 1);
      }
    }
    return text;
  }

  private static void flush(StringBuilder paragraph, int width, StringBuilder out) {
    if (!paragraph.isEmpty()) {
      wrap(paragraph.toString(), width, 0, out);
      paragraph.setLength(0);
    }
  }

  /** Where the text column of an indented line starts: after its first run of two spaces. */
  private static int hangingIndent(String line) {
    int lead = 0;
    while (lead < line.length() && line.charAt(lead) == ' ') {
      lead++;
    }
    int gap = line.indexOf("  ", lead);
    if (gap < 0) {
      return lead + 2;
    }
    int text = gap;
    while (text < line.length() && line.charAt(text) == ' ') {
      text++;
    }
    return text < line.length() && text < 50 ? text : lead + 2;
  }

  /** Wraps {@code line} at spaces to {@code width}; continuation lines start at {@code indent}. */
  private static void wrap(String line, int width, int indent, StringBuilder out) {
    String rest = line;
    String prefix = "";
    while (prefix.length() + rest.length() > width) {
      int room = width - prefix.length();
      int cut = rest.lastIndexOf(' ', room);
      if (cut <= 0 || rest.substring(0, cut).isBlank()) {
        cut = rest.indexOf(' ', room);
        if (cut < 0) {
          break;
        }
      }
      out.append(prefix).append(rest, 0, cut).append('\n');
      rest = rest.substring(cut).strip();
      prefix = " ".repeat(indent);
    }
    out.append(prefix).append(rest).append('\n');
  }
}
