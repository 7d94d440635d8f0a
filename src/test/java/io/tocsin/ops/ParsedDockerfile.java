package io.tocsin.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Dockerfile split into instructions and build stages: just enough structure to check it the way
 * hadolint does (no Docker engine here, and hadolint is not in the registries).
 *
 * @param instructions every instruction in file order, continuation lines joined
 */
record ParsedDockerfile(List<ParsedDockerfile.Instruction> instructions) {

  /**
   * One instruction.
   *
   * @param line the 1-based line it starts on
   * @param keyword upper-case keyword, e.g. {@code COPY}
   * @param arguments everything after the keyword, continuation lines joined with a space
   * @param stage 0-based index of the stage it belongs to; -1 before the first {@code FROM}
   */
  record Instruction(int line, String keyword, String arguments, int stage) {

    /** The leading {@code --name=value} flags, e.g. {@code from -> build}. */
    Map<String, String> flags() {
      Map<String, String> flags = new LinkedHashMap<>();
      for (String token : arguments.trim().split("\\s+")) {
        if (!token.startsWith("--")) {
          break;
        }
        int eq = token.indexOf('=');
        flags.put(
            eq < 0 ? token.substring(2) : token.substring(2, eq),
            eq < 0 ? "" : token.substring(eq + 1));
      }
      return flags;
    }

    /** The arguments without the leading flags. */
    String operand() {
      String rest = arguments.trim();
      while (rest.startsWith("--")) {
        int space = rest.indexOf(' ');
        rest = space < 0 ? "" : rest.substring(space + 1).trim();
      }
      return rest;
    }

    /** Where it is, for messages. */
    String where() {
      return "line " + line + " (" + keyword + " " + arguments + ")";
    }
  }

  /**
   * A build stage.
   *
   * @param index 0-based
   * @param image the base image reference as written
   * @param alias the {@code AS} name, or empty
   * @param from the {@code FROM} instruction
   */
  record Stage(int index, String image, String alias, Instruction from) {}

  /** Reads and parses a file. */
  static ParsedDockerfile read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses Dockerfile text: comments and parser directives dropped, {@code \} continuations joined.
   */
  static ParsedDockerfile parse(String text) {
    List<Instruction> result = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    int stage = -1;
    StringBuilder pending = null;
    int start = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith("#") || (line.isEmpty() && pending == null)) {
        continue;
      }
      if (pending == null) {
        pending = new StringBuilder();
        start = i + 1;
      }
      boolean continues = line.endsWith("\\");
      pending.append(continues ? line.substring(0, line.length() - 1).strip() : line).append(' ');
      if (!continues) {
        String joined = pending.toString().strip();
        pending = null;
        if (joined.isEmpty()) {
          continue;
        }
        int space = joined.indexOf(' ');
        String keyword = (space < 0 ? joined : joined.substring(0, space)).toUpperCase(Locale.ROOT);
        String args = space < 0 ? "" : joined.substring(space + 1).strip();
        if (keyword.equals("FROM")) {
          stage++;
        }
        result.add(new Instruction(start, keyword, args, stage));
      }
    }
    return new ParsedDockerfile(List.copyOf(result));
  }

  /** The build stages in order. */
  List<Stage> stages() {
    List<Stage> stages = new ArrayList<>();
    for (Instruction from : all("FROM")) {
      String[] tokens = from.operand().split("\\s+");
      String alias = tokens.length >= 3 && tokens[1].equalsIgnoreCase("AS") ? tokens[2] : "";
      stages.add(new Stage(from.stage(), tokens[0], alias, from));
    }
    return stages;
  }

  /** The stage that becomes the image. */
  Stage finalStage() {
    List<Stage> stages = stages();
    if (stages.isEmpty()) {
      throw new IllegalStateException("no FROM instruction");
    }
    return stages.get(stages.size() - 1);
  }

  /** Every instruction with {@code keyword}. */
  List<Instruction> all(String keyword) {
    return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  /** The instructions with {@code keyword} in the final stage. */
  List<Instruction> inFinalStage(String keyword) {
    int last = finalStage().index();
    return all(keyword).stream().filter(i -> i.stage() == last).toList();
  }
}
