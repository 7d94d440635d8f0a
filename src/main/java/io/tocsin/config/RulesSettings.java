package io.tocsin.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where detection rules come from ({@code rules:} in the config).
 *
 * @param dirs directories (or single files) of rule YAML files, loaded after the default pack;
 *     default none
 * @param includeDefaults whether the default pack shipped in the jar is loaded; default true
 */
public record RulesSettings(List<String> dirs, boolean includeDefaults) {

  /** The defaults, as documented on each field. */
  public static RulesSettings defaults() {
    return new RulesSettings(List.of(), true);
  }

  /** Normalises an absent list to an empty one. */
  public RulesSettings {
    dirs = dirs == null ? List.of() : List.copyOf(dirs);
    for (int i = 0; i < dirs.size(); i++) {
      if (dirs.get(i) == null || dirs.get(i).isBlank()) {
        throw new ConfigException("dirs." + i, "expected a directory path, got nothing");
      }
    }
  }

  /** The directories as paths. */
  public List<Path> paths() {
    return dirs.stream().map(Path::of).toList();
  }
}
