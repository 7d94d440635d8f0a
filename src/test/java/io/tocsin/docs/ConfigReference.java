package io.tocsin.docs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.tocsin.config.TocsinConfig;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration reference (topology-docs/configuration.md): every key of {@link TocsinConfig}
 * with its type, default and meaning, walked from the records and their {@code @param} comments.
 */
final class ConfigReference {

  /** One documented key; {@code path} is dotted, {@code []} marks the items of a list. */
  record Key(String path, String type, String defaultValue, String meaning) {}

  /** "; default X", where X runs to the first ", ", "; ", ": ", ". " or " (" outside code. */
  private static final Pattern DEFAULT = Pattern.compile("; default (.*)$");

  private static final String HEADER =
      """
      # Configuration reference

      Generated from the configuration records in `io.tocsin.config` by `ConfigReferenceTest`; do
      not edit by hand (refresh: `mvn -B test -Dtest=ConfigReferenceTest -Dtocsin.updateDocs=true`).

      tocsin reads one YAML file given with `--config FILE`. Every key is optional unless marked
      *required*; a section that is left out keeps its defaults. Keys are `snake_case`; unknown keys
      are errors. Any key outside a list can be overridden from the environment as
      `TOCSIN_<SECTION>__<KEY>`, upper case with a double underscore between levels (e.g.
      `TOCSIN_KAFKA__BOOTSTRAP_SERVERS`, `TOCSIN_KINESIS__RETRIEVAL_MODE`). Durations are written
      `250ms`, `30s`, `5m`, `1h` or `7d`. `[]` in a key stands for every item of a list.
      """;

  private ConfigReference() {}

  /** Every key, depth first in declaration order. */
  static List<Key> keys() {
    List<Key> keys = new ArrayList<>();
    walk(TocsinConfig.class, "", new HashMap<>(), keys);
    return keys;
  }

  /** The reference as Markdown: one table per top-level section. */
  static String render() {
    StringBuilder out = new StringBuilder(HEADER);
    for (Key key : keys()) {
      if (!key.path().contains(".")) {
        out.append("\n## `")
            .append(key.path())
            .append("`\n\n")
            .append(Character.toUpperCase(key.meaning().charAt(0)))
            .append(key.meaning().substring(1))
            .append(".\n\n");
        out.append("| Key | Type | Default | Meaning |\n| --- | --- | --- | --- |\n");
        continue;
      }
      out.append("| `")
          .append(key.path())
          .append("` | ")
          .append(key.type())
          .append(" | ")
          .append(key.defaultValue().isEmpty() ? "—" : key.defaultValue())
          .append(" | ")
          .append(key.meaning())
          .append(" |\n");
    }
    return out.toString();
  }

  private static void walk(
      Class<?> record, String prefix, Map<Class<?>, String> seen, List<Key> keys) {
    seen.put(record, prefix);
    Map<String, String> docs = ConfigJavadoc.params(record);
    for (RecordComponent component : record.getRecordComponents()) {
      String doc = docs.get(component.getName());
      if (doc == null) {
        throw new IllegalStateException(
            record.getSimpleName() + "." + component.getName() + " has no @param comment");
      }
      String path = (prefix.isEmpty() ? "" : prefix + ".") + yamlName(component);
      Class<?> nested = nestedRecord(component);
      boolean list = List.class.isAssignableFrom(component.getType());
      if (nested != null && seen.containsKey(nested)) {
        keys.add(new Key(path, "list of `" + seen.get(nested) + "` mappings", "none", doc));
      } else if (nested != null) {
        keys.add(new Key(path, list ? "list of mappings" : "mapping", defaultOf(doc), doc));
        walk(nested, list ? path + "[]" : path, seen, keys);
      } else {
        String defaultValue = defaultOf(doc);
        if (defaultValue.isEmpty()) {
          throw new IllegalStateException(
              record.getSimpleName()
                  + "."
                  + component.getName()
                  + ": its @param must end with '; default X' or say '; required'");
        }
        keys.add(new Key(path, typeOf(component.getGenericType()), defaultValue, doc));
      }
    }
    seen.remove(record);
  }

  /** The short default of a {@code @param} text: *required*, the value after "; default", or "". */
  static String defaultOf(String doc) {
    if (doc.endsWith("; required") || doc.contains("; required;") || doc.contains("; required.")) {
      return "*required*";
    }
    Matcher m = DEFAULT.matcher(doc);
    if (!m.find()) {
      return "";
    }
    String rest = m.group(1);
    int brackets = 0;
    boolean code = false;
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      code ^= c == '`';
      brackets += c == '[' ? 1 : c == ']' ? -1 : 0;
      boolean topLevel = !code && brackets == 0;
      boolean spaceNext = i + 1 < rest.length() && rest.charAt(i + 1) == ' ';
      if (topLevel && spaceNext && ",;:.".indexOf(c) >= 0 || topLevel && rest.startsWith(" (", i)) {
        return rest.substring(0, i);
      }
    }
    return rest.endsWith(".") ? rest.substring(0, rest.length() - 1) : rest;
  }

  private static String yamlName(RecordComponent component) {
    JsonProperty renamed = component.getAnnotation(JsonProperty.class);
    if (renamed == null) {
      renamed = component.getAccessor().getAnnotation(JsonProperty.class);
    }
    return renamed != null
        ? renamed.value()
        : new PropertyNamingStrategies.SnakeCaseStrategy().translate(component.getName());
  }

  private static Class<?> nestedRecord(RecordComponent component) {
    if (component.getType().isRecord()) {
      return component.getType();
    }
    if (component.getGenericType() instanceof ParameterizedType p
        && p.getActualTypeArguments()[0] instanceof Class<?> item
        && item.isRecord()) {
      return item;
    }
    return null;
  }

  private static String typeOf(Type type) {
    if (type instanceof ParameterizedType p) {
      String item = typeOf(p.getActualTypeArguments()[p.getActualTypeArguments().length - 1]);
      String items = item.startsWith("list of ") ? "lists of " + item.substring(8) : item + "s";
      return p.getRawType() == List.class ? "list of " + items : "mapping of " + items;
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "whole number";
    }
    if (type == double.class || type == Double.class) {
      return "number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == Duration.class) {
      return "duration";
    }
    if (type == String.class) {
      return "string";
    }
    throw new IllegalStateException("no reference type for " + type);
  }
}
