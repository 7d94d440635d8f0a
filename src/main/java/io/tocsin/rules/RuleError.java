package io.tocsin.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One problem of a rule file, located: printed as {@code file:line:column: rule ID: field PATH:
 * message; hint}. Every part but the file and the message may be absent (a YAML syntax error has no
 * rule; a missing directory has no line).
 *
 * @param file the file as given ({@code classpath:rules/default/…} for the default pack)
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param ruleId the rule's id, or {@code null} when the problem is not about one rule
 * @param field the field's path within the rule (or the file), e.g. {@code alarm.threshold} or
 *     {@code conditions[0].policy}, or {@code null}
 * @param message what is wrong
 * @param hint a suggestion such as {@code did you mean 'group_by'?}, or {@code null}
 */
public record RuleError(
    String file, int line, int column, String ruleId, String field, String message, String hint) {

  private static final Pattern FIELD = Pattern.compile("^field ([^:\\s]+): (.*)$");

  /** An error of {@code file} as a whole, with no place inside it. */
  static RuleError ofFile(String file, String message) {
    return new RuleError(file, 0, 0, null, null, message, null);
  }

  /**
   * The field and the message of a problem written as {@code field F: message} (the form compilers
   * of conditions, alarms and allow-lists throw), or no field when {@code text} has no such prefix.
   */
  static String[] fieldAndMessage(String text) {
    Matcher m = FIELD.matcher(text);
    return m.matches() ? new String[] {m.group(1), m.group(2)} : new String[] {null, text};
  }

  /** {@code file:line:column} (or just the file when the place is unknown). */
  public String place() {
    return line > 0 ? file + ":" + line + ":" + column : file;
  }

  /** The one-line form, e.g. {@code rules/a.yaml:7:5: rule noisy: field group_by: …}. */
  public String text() {
    StringBuilder text = new StringBuilder(place()).append(": ");
    if (ruleId != null) {
      text.append("rule ").append(ruleId).append(": ");
    }
    if (field != null) {
      text.append("field ").append(field).append(": ");
    }
    text.append(message);
    if (hint != null) {
      text.append("; ").append(hint);
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return text();
  }
}
