package io.tocsin.rules;

/**
 * The place of one rule in its file, for its errors: each is added naming the rule and the field,
 * at the field's line and column. A Sigma rule is compiled into fields its file does not have, so
 * its errors are all placed at one key of the Sigma document ({@code detection}).
 */
final class RuleScope {

  private final RuleFile file;
  private final String path;
  private final String ruleId;
  private final boolean fieldsWritten;
  private int added;

  private RuleScope(RuleFile file, String path, String ruleId, boolean fieldsWritten) {
    this.file = file;
    this.path = path;
    this.ruleId = ruleId;
    this.fieldsWritten = fieldsWritten;
  }

  /** The rule written at {@code path} (e.g. {@code rules.3}) of {@code file}. */
  static RuleScope written(RuleFile file, String path, String ruleId) {
    return new RuleScope(file, path, ruleId, true);
  }

  /** A rule compiled from the Sigma document {@code file}; errors go to its key {@code at}. */
  static RuleScope compiled(RuleFile file, String at, String ruleId) {
    return new RuleScope(file, at, ruleId, false);
  }

  /** The rule's id. */
  String ruleId() {
    return ruleId;
  }

  /** The file it is written in. */
  RuleFile file() {
    return file;
  }

  /** Adds a problem written as {@code field F: message}, or a message about the whole rule. */
  void add(String text) {
    String[] split = RuleError.fieldAndMessage(text);
    add(split[0], split[1], null);
  }

  /** Adds a problem with {@code field} (in {@code a[0].b} or dotted form; may be null). */
  void add(String field, String message, String hint) {
    String shown = shown(field);
    file.add(locationOf(shown), ruleId, shown, message, hint);
    added++;
  }

  /** {@code tests[0].event} for {@code tests.0.event}: a field path as users write it. */
  static String shown(String field) {
    return field == null ? null : field.replaceAll("\\.(\\d+)(?=\\.|$)", "[$1]");
  }

  /** How many problems were added for this rule. */
  int added() {
    return added;
  }

  /** {@code file:line:column} of {@code field} of this rule. */
  String place(String field) {
    return file.place(locationOf(field));
  }

  private String locationOf(String field) {
    if (!fieldsWritten || field == null) {
      return path;
    }
    return path.isEmpty() ? field : path + "." + field;
  }
}
