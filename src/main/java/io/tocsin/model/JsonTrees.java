package io.tocsin.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Builds JSON trees whose numbers keep the text they were written with ({@link WrittenNumber})
 * where their value alone cannot give that text back: filter patterns compare strings and wildcards
 * with a number's text as written (filter-patterns.md), for log messages and CloudTrail events
 * alike. Objects keep the last of duplicate keys, as Jackson's own tree does.
 */
public final class JsonTrees {

  private JsonTrees() {}

  /** The value at {@code p}'s current token; {@code p} is left on its last token. */
  public static JsonNode read(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case START_OBJECT, FIELD_NAME, END_OBJECT -> object(p);
      case START_ARRAY -> {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          array.add(read(p));
        }
        yield array;
      }
      case VALUE_STRING -> TextNode.valueOf(p.getText());
      case VALUE_TRUE -> BooleanNode.TRUE;
      case VALUE_FALSE -> BooleanNode.FALSE;
      case VALUE_NULL -> NullNode.getInstance();
      case VALUE_NUMBER_INT -> integer(p);
      case VALUE_NUMBER_FLOAT -> new WrittenNumber(p.getDecimalValue(), p.getText());
      default -> throw new IOException("unexpected " + p.currentToken() + " in a JSON value");
    };
  }

  /**
   * The object at {@code p}: from its start, or from its first member or end when a caller already
   * read the start (Jackson does for some bean properties).
   */
  private static ObjectNode object(JsonParser p) throws IOException {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    JsonToken at = p.currentToken();
    String name =
        at == JsonToken.START_OBJECT
            ? p.nextFieldName()
            : at == JsonToken.FIELD_NAME ? p.currentName() : null;
    for (; name != null; name = p.nextFieldName()) {
      p.nextToken();
      object.set(name, read(p));
    }
    return object;
  }

  /** An integer; JSON writes every integer canonically except negative zero. */
  private static JsonNode integer(JsonParser p) throws IOException {
    if (p.getTextLength() == 2 && p.getText().equals("-0")) {
      return new WrittenNumber(BigDecimal.ZERO, "-0");
    }
    return switch (p.getNumberType()) {
      case INT -> IntNode.valueOf(p.getIntValue());
      case LONG -> LongNode.valueOf(p.getLongValue());
      default -> BigIntegerNode.valueOf(p.getBigIntegerValue());
    };
  }

  /** Jackson's deserializer of {@link JsonNode} values, building them with {@link #read}. */
  static final class Deserializer extends StdDeserializer<JsonNode> {
    private static final long serialVersionUID = 1L;

    Deserializer() {
      super(JsonNode.class);
    }

    @Override
    public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return read(p);
    }

    /** A JSON {@code null}: a null node, as Jackson's own tree has. */
    @Override
    public JsonNode getNullValue(DeserializationContext ctxt) {
      return NullNode.getInstance();
    }

    /** An absent property: Java {@code null}, as with Jackson's own deserializer. */
    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return null;
    }
  }
}
