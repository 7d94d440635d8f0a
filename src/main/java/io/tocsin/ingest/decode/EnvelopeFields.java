package io.tocsin.ingest.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a CloudWatch Logs subscription envelope, read from a token stream without a tree:
 * the last of a repeated name wins, as in a tree, and a value of the wrong type is kept as its
 * description, for the error reported if the field is needed.
 */
final class EnvelopeFields {

  /** A string field as read: its value, or a description of what was there instead. */
  record Text(String value, String instead) {

    private static final Text NONE = new Text(null, "none");

    /** The value, or a {@code bad_field} failure naming {@code path}. */
    String require(String path) throws DecodeFailure {
      if (value == null) {
        throw mismatch(path);
      }
      return value;
    }

    /** The {@code bad_field} failure of this value at {@code path}. */
    DecodeFailure mismatch(String path) {
      return new DecodeFailure(ReasonCode.BAD_FIELD, path + ": expected a string, got " + instead);
    }
  }

  /** One {@code logEvents} element whose fields all read well. */
  record Entry(String id, long timestamp, String message) {}

  private final long now;
  private Text messageType = Text.NONE;
  private Text owner = Text.NONE;
  private Text logGroup = Text.NONE;
  private Text logStream = Text.NONE;
  private List<Entry> entries;
  private DecodeFailure badEntry;

  private EnvelopeFields(long now) {
    this.now = now;
  }

  /**
   * Reads the object at {@code p} (on its {@code START_OBJECT} or first field name) up to its end;
   * a log event without a timestamp gets {@code now}.
   */
  static EnvelopeFields read(JsonParser p, long now) throws IOException {
    EnvelopeFields fields = new EnvelopeFields(now);
    JsonToken t = p.currentToken() == JsonToken.START_OBJECT ? p.nextToken() : p.currentToken();
    for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "messageType" -> fields.messageType = text(p);
        case "owner" -> fields.owner = text(p);
        case "logGroup" -> fields.logGroup = text(p);
        case "logStream" -> fields.logStream = text(p);
        case "logEvents" -> fields.readEvents(p);
        default -> skip(p);
      }
    }
    return fields;
  }

  Text messageType() {
    return messageType;
  }

  Text owner() {
    return owner;
  }

  Text logGroup() {
    return logGroup;
  }

  Text logStream() {
    return logStream;
  }

  /** The log events, or the failure of the first that is not well formed. */
  List<Entry> entries() throws DecodeFailure {
    if (entries == null) {
      throw new DecodeFailure(ReasonCode.BAD_FIELD, "logEvents: expected an array");
    }
    if (badEntry != null) {
      throw badEntry;
    }
    return entries;
  }

  private void readEvents(JsonParser p) throws IOException {
    badEntry = null;
    if (p.currentToken() != JsonToken.START_ARRAY) {
      entries = null;
      skip(p);
      return;
    }
    entries = new ArrayList<>();
    for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
      if (badEntry != null) {
        skip(p);
      } else if (p.currentToken() != JsonToken.START_OBJECT) {
        skip(p);
        badEntry = new DecodeFailure(ReasonCode.BAD_FIELD, where(i) + ": expected an object");
      } else {
        readEvent(p, i);
      }
    }
  }

  private void readEvent(JsonParser p, int i) throws IOException {
    Text id = Text.NONE;
    Text message = Text.NONE;
    long timestamp = now;
    String badTimestamp = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "id" -> id = text(p);
        case "message" -> message = text(p);
        case "timestamp" -> {
          badTimestamp = null;
          if (value == JsonToken.VALUE_NULL) {
            timestamp = now;
          } else if (value == JsonToken.VALUE_NUMBER_INT
              && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            timestamp = p.getLongValue();
          } else if (value == JsonToken.VALUE_STRING && isEpochMillis(p.getText())) {
            timestamp = Long.parseLong(p.getText());
          } else {
            badTimestamp = describe(p);
          }
        }
        default -> skip(p);
      }
    }
    if (id.value() == null) {
      badEntry = id.mismatch(where(i) + ".id");
    } else if (badTimestamp != null) {
      badEntry =
          new DecodeFailure(
              ReasonCode.BAD_FIELD,
              where(i) + ".timestamp: expected epoch milliseconds, got " + badTimestamp);
    } else if (message.value() == null) {
      badEntry = message.mismatch(where(i) + ".message");
    } else {
      entries.add(new Entry(id.value(), timestamp, message.value()));
    }
  }

  private static String where(int i) {
    return "logEvents[" + i + "]";
  }

  /** Matches {@code \d{1,18}}: digits a long holds, whatever they are. */
  private static boolean isEpochMillis(String text) {
    int n = text.length();
    if (n < 1 || n > 18) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static Text text(JsonParser p) throws IOException {
    return p.currentToken() == JsonToken.VALUE_STRING
        ? new Text(p.getText(), null)
        : new Text(null, describe(p));
  }

  /** What a tree's node for the value at {@code p} prints as, cut to 40 characters. */
  private static String describe(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    String text;
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      skip(p);
      text = t == JsonToken.START_OBJECT ? "OBJECT" : "ARRAY";
    } else {
      text = JsonInput.node(p).toString();
    }
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  /**
   * Passes over the value at {@code p}, finishing each string as a tree parse would, so that the
   * same read limits apply.
   */
  private static void skip(JsonParser p) throws IOException {
    int depth = 0;
    do {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_STRING) {
        p.getTextLength();
      } else if (t.isStructStart()) {
        depth++;
      } else if (t.isStructEnd()) {
        depth--;
      }
    } while (depth > 0 && p.nextToken() != null);
  }
}
