package io.tocsin.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The line on which each dotted key of a YAML document is written, for error messages. */
final class YamlKeyLines {

  private final Map<String, Integer> lines;

  private YamlKeyLines(Map<String, Integer> lines) {
    this.lines = lines;
  }

  /** Indexes {@code yaml}; call only on text that already parsed. */
  static YamlKeyLines of(String yaml) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = new YAMLFactory().createParser(yaml)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME) {
          lines.putIfAbsent(pathOf(p.getParsingContext()), p.currentTokenLocation().getLineNr());
        }
      }
    }
    return new YamlKeyLines(lines);
  }

  /** The 1-based line of {@code key} or of its nearest written parent; 0 when none. */
  int lineOf(String key) {
    for (String k = key; !k.isEmpty(); k = parent(k)) {
      Integer line = lines.get(k);
      if (line != null) {
        return line;
      }
    }
    return 0;
  }

  private static String parent(String key) {
    int dot = key.lastIndexOf('.');
    return dot < 0 ? "" : key.substring(0, dot);
  }

  private static String pathOf(JsonStreamContext context) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      parts.add(c.inArray() ? Integer.toString(c.getCurrentIndex()) : c.getCurrentName());
    }
    Collections.reverse(parts);
    return String.join(".", parts);
  }
}
