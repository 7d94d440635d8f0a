package io.tocsin.rules;

import io.tocsin.config.YamlLocations;
import java.util.List;

/**
 * One rule file (or one document of a multi-document Sigma file) being loaded: its name, where its
 * keys are written, and the list its errors go to, each placed at the line and column of the key it
 * is about (or of its nearest written parent, else the document's start).
 */
final class RuleFile {

  private final String name;
  private final YamlLocations places;
  private final int document;
  private final List<RuleError> errors;

  /** Document {@code document} (0-based) of {@code name}, whose keys are at {@code places}. */
  RuleFile(String name, YamlLocations places, int document, List<RuleError> errors) {
    this.name = name;
    this.places = places;
    this.document = document;
    this.errors = errors;
  }

  /** This document with its errors going to {@code other} instead (e.g. refusals). */
  RuleFile withErrors(List<RuleError> other) {
    return new RuleFile(name, places, document, other);
  }

  /** The file as given. */
  String name() {
    return name;
  }

  /** This file's document {@code index}, sharing its places and error list. */
  RuleFile document(int index) {
    return new RuleFile(name, places, index, errors);
  }

  /**
   * Adds an error at {@code path} (dotted or {@code a[0].b}, from the document root).
   *
   * @param ruleId the rule it is about, or {@code null}
   * @param field the field as the user knows it, or {@code null}
   */
  void add(String path, String ruleId, String field, String message, String hint) {
    YamlLocations.Location at = locate(path);
    errors.add(new RuleError(name, at.line(), at.column(), ruleId, field, message, hint));
  }

  /** {@code file:line:column} of {@code path}, for messages that name a second place. */
  String place(String path) {
    YamlLocations.Location at = locate(path);
    return at.known() ? name + ":" + at.line() + ":" + at.column() : name;
  }

  private YamlLocations.Location locate(String path) {
    YamlLocations.Location at = places.find(document, path);
    return at.known() ? at : places.start(document);
  }
}
