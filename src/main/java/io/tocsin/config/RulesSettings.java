package io.tocsin.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where detection rules come from ({@code rules:} in the config).
 *
 * @param dirs directories (or single files) of rule YAML files, loaded after the default pack;
 *     default none
 * @param includeDefaults whether the default pack shipped in the jar is loaded; default true
 * @param asnTable an {@code ip2asn} TSV file (range_start, range_end, AS_number, country,
 *     AS_description) naming the AS of a CloudTrail source address, so {@code source_network} is
 *     {@code AS<number>}; default no table: {@code source_network} is the address's /24 (IPv4) or
 *     /48 (IPv6)
 */
public record RulesSettings(List<String> dirs, boolean includeDefaults, String asnTable) {

  /** The defaults, as documented on each field. */
  public static RulesSettings defaults() {
    return new RulesSettings(List.of(), true, null);
  }

  /** Normalises an absent list to an empty one. */
  public RulesSettings {
    dirs = dirs == null ? List.of() : List.copyOf(dirs);
    for (int i = 0; i < dirs.size(); i++) {
      if (dirs.get(i) == null || dirs.get(i).isBlank()) {
        throw new ConfigException("dirs." + i, "expected a directory path, got nothing");
      }
    }
    if (asnTable != null && asnTable.isBlank()) {
      throw new ConfigException("asn_table", "expected a file path, got nothing");
    }
  }

  /** The directories as paths. */
  public List<Path> paths() {
    return dirs.stream().map(Path::of).toList();
  }
}
