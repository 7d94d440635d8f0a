package io.tocsin.rules.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.rules.Cidr;
import java.util.regex.Pattern;

/** One compiled value of a Sigma field: how a single value of the field in an event is judged. */
interface SigmaValueTest {

  /** Whether {@code value} (one value of the field; never null) passes. */
  boolean test(JsonNode value, JsonNode event);

  /** A wildcard comparison of the value's text. */
  static SigmaValueTest glob(String glob, boolean cased) {
    Glob compiled = Glob.of(glob, cased);
    return (value, event) -> !value.isNull() && compiled.matches(SigmaField.text(value));
  }

  /** A regular-expression search in the value's text. */
  static SigmaValueTest regex(Pattern pattern) {
    return (value, event) -> !value.isNull() && pattern.matcher(SigmaField.text(value)).find();
  }

  /** An IP address inside a network. */
  static SigmaValueTest cidr(Cidr network) {
    return (value, event) -> value.isTextual() && network.contains(value.asText());
  }

  /** A numeric comparison; {@code sign} is the wanted sign of value − bound (0 allowed or not). */
  static SigmaValueTest compare(double bound, int sign, boolean orEqual) {
    return (value, event) -> {
      double number;
      if (value.isNumber()) {
        number = value.asDouble();
      } else {
        try {
          number = Double.parseDouble(value.asText());
        } catch (NumberFormatException e) {
          return false;
        }
      }
      int c = Double.compare(number, bound);
      return c == sign || (orEqual && c == 0);
    };
  }

  /** Equality with the value of another field of the same event. */
  static SigmaValueTest fieldRef(SigmaField other, boolean cased) {
    return (value, event) -> {
      String text = SigmaField.text(value);
      for (JsonNode candidate : other.values(event)) {
        String that = SigmaField.text(candidate);
        if (cased ? text.equals(that) : text.equalsIgnoreCase(that)) {
          return true;
        }
      }
      return false;
    };
  }
}
