package io.tocsin.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code @param} texts of a config record's class comment, read from its source file and turned
 * into Markdown: the metadata the configuration reference is generated from.
 */
final class ConfigJavadoc {

  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern PARAM = Pattern.compile("@param\\s+(\\w+)\\s+(.*?)(?=@param|$)");
  private static final Pattern INLINE =
      Pattern.compile("\\{@(code|link|linkplain|value)\\s+([^}]*)}");

  private ConfigJavadoc() {}

  /** Component name → its {@code @param} text as Markdown, in declaration order. */
  static Map<String, String> params(Class<?> record) {
    String source = read(SOURCES.resolve(record.getName().replace('.', '/') + ".java"));
    int declaration = source.indexOf("public record " + record.getSimpleName());
    int start = source.lastIndexOf("/**", declaration);
    int end = source.lastIndexOf("*/", declaration);
    if (declaration < 0 || start < 0 || end < start) {
      throw new IllegalStateException(
          record.getSimpleName() + ": no class comment before the record");
    }
    String comment =
        source
            .substring(start + 3, end)
            .lines()
            .map(line -> line.replaceFirst("^\\s*\\*\\s?", "").strip())
            .reduce((a, b) -> a + " " + b)
            .orElse("");
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(comment);
    while (m.find()) {
      params.put(m.group(1), markdown(record, m.group(2).strip()));
    }
    return params;
  }

  /** {@code text} with inline tags as Markdown code and {@code {@value #X}} resolved. */
  private static String markdown(Class<?> owner, String text) {
    Matcher m = INLINE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String body = m.group(2).strip();
      String shown = m.group(1).equals("value") ? constant(owner, body) : body.replace('#', '.');
      m.appendReplacement(out, Matcher.quoteReplacement("`" + shown + "`"));
    }
    m.appendTail(out);
    return out.toString().replace("|", "\\|");
  }

  private static String constant(Class<?> owner, String reference) {
    try {
      Field field = owner.getDeclaredField(reference.substring(reference.indexOf('#') + 1));
      return String.valueOf(field.get(null));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(owner.getSimpleName() + ": no constant " + reference, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
