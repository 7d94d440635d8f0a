package io.tocsin.config;

import com.fasterxml.jackson.core.JsonLocation;
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
import java.util.regex.Pattern;

/**
 * Where each key and list item of a YAML text is written (line and column, 1-based), per document,
 * so an error about {@code rules.2.group_by} or {@code kafka.partitions} can point at it. Paths are
 * dotted with list indices as numbers; {@link #dotted} converts the {@code a[0].b} form.
 */
public final class YamlLocations {

  /** A 1-based line and column; {@link #NONE} when unknown. */
  public record Location(int line, int column) {

    /** No known place. */
    public static final Location NONE = new Location(0, 0);

    /** Whether the place is known. */
    public boolean known() {
      return line > 0;
    }
  }

  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

  private final List<Map<String, Location>> documents;

  private YamlLocations(List<Map<String, Location>> documents) {
    this.documents = documents;
  }

  /**
   * Indexes every document of {@code yaml}. Text that does not parse is indexed up to the error,
   * which the caller reports from its own parse.
   */
  public static YamlLocations of(String yaml) {
    List<Map<String, Location>> documents = new ArrayList<>();
    try (JsonParser p = new YAMLFactory().createParser(yaml)) {
      Map<String, Location> current = null;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t.isStructEnd()) {
          continue;
        }
        JsonStreamContext holder =
            t.isStructStart() ? p.getParsingContext().getParent() : p.getParsingContext();
        if (holder.inRoot()) {
          current = new HashMap<>();
          documents.add(current);
          current.put("", at(p.currentTokenLocation()));
        } else if (current != null && (t == JsonToken.FIELD_NAME || holder.inArray())) {
          current.putIfAbsent(pathOf(holder), at(p.currentTokenLocation()));
        }
      }
    } catch (IOException e) {
      // keep what was read before the syntax error
    }
    return new YamlLocations(documents);
  }

  /** The place of {@code path} in the first document, or of its nearest written parent. */
  public Location find(String path) {
    return find(0, path);
  }

  /**
   * The place of {@code path} (dotted, or in the {@code a[0].b} form) in document {@code document}
   * (0-based), or of its nearest written parent key; {@link Location#NONE} when no part of it is
   * written.
   */
  public Location find(int document, String path) {
    if (document >= documents.size()) {
      return Location.NONE;
    }
    Map<String, Location> places = documents.get(document);
    for (String key = dotted(path); !key.isEmpty(); key = parent(key)) {
      Location place = places.get(key);
      if (place != null) {
        return place;
      }
    }
    return Location.NONE;
  }

  /** Where document {@code document} (0-based) starts; {@link Location#NONE} past the last. */
  public Location start(int document) {
    return document < documents.size() ? documents.get(document).get("") : Location.NONE;
  }

  /** {@code rules.0.conditions.1.policy} for {@code $.rules[0].conditions[1].policy}. */
  public static String dotted(String path) {
    String plain = path.startsWith("$") ? path.substring(1) : path;
    plain = INDEX.matcher(plain).replaceAll(".$1");
    return plain.startsWith(".") ? plain.substring(1) : plain;
  }

  private static String parent(String key) {
    int dot = key.lastIndexOf('.');
    return dot < 0 ? "" : key.substring(0, dot);
  }

  private static Location at(JsonLocation location) {
    return new Location(location.getLineNr(), location.getColumnNr());
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
