package io.tocsin.topics;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tocsin.model.SourcePosition;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads the fields of one record type's JSON with Jackson's streaming parser as the project's
 * mapper would bind them — {@code null} strings as {@code null}, scalars coerced to text, unknown
 * fields skipped by the caller — and refuses anything else naming the type and the field.
 */
final class StreamedFields {

  private final String type;
  private final StringCanon recurring;

  /**
   * Fields of {@code type} (named in errors), sharing recurring values through a canon of {@code
   * 2^canonBits} slots.
   */
  StreamedFields(String type, int canonBits) {
    this.type = type;
    this.recurring = new StringCanon(canonBits);
  }

  /** The canon of recurring values, for keys read apart from the values. */
  StringCanon canon() {
    return recurring;
  }

  /** A value that recurs across records, as the canonical instance. */
  String recurring(JsonParser p, JsonToken token, String parent, String field) throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      return recurring.of(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }
    return text(p, token, parent, field);
  }

  /** A string field: {@code null} for JSON null, other scalars as their text. */
  String text(JsonParser p, JsonToken token, String parent, String field) throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != null && token.isScalarValue()) {
      return p.getText();
    }
    throw invalid("field '" + parent + field + "' must be a string, not " + token);
  }

  /** The {@code source} field: where the record was read from, or {@code null}. */
  SourcePosition position(JsonParser p, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    expectObject(token, "field 'source'");
    String system = null;
    String stream = null;
    String partition = null;
    String offset = null;
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken value = p.nextToken();
      switch (name) {
        case "system" -> system = recurring(p, value, "source.", name);
        case "stream" -> stream = recurring(p, value, "source.", name);
        case "partition" -> partition = recurring(p, value, "source.", name);
        case "offset" -> offset = text(p, value, "source.", name);
        default -> p.skipChildren();
      }
    }
    expectEnd(p);
    return new SourcePosition(system, stream, partition, offset);
  }

  /** Refuses a {@code token} that does not start an object. */
  void expectObject(JsonToken token, String what) {
    if (token != JsonToken.START_OBJECT) {
      throw invalid(what + " must be an object, not " + token);
    }
  }

  /** After the last field: the object must end here (a truncated value has no END_OBJECT). */
  void expectEnd(JsonParser p) {
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw invalid("expected a field name or '}', not " + p.currentToken());
    }
  }

  /** The error for bytes that are not this type's JSON. */
  SerializationException invalid(String why) {
    return new SerializationException("not a valid " + type + " JSON: " + why);
  }

  /** The error for bytes the parser itself refused. */
  SerializationException invalid(IOException e) {
    return new SerializationException("not a valid " + type + " JSON: " + e.getMessage(), e);
  }
}
