package io.tocsin.ingest.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tocsin.model.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Parses one JSON document with the project's limits ({@link Json#MAX_NESTING_DEPTH}), mapping
 * every way it can fail to a {@link ReasonCode}.
 */
final class JsonInput {

  private static final ObjectReader READER =
      Json.MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonInput() {}

  /** Parses UTF-8 {@code bytes}; invalid UTF-8 is {@code bad_utf8}, not silently replaced. */
  static JsonNode parse(byte[] bytes) throws DecodeFailure {
    checkUtf8(bytes);
    try {
      return READER.readValue(bytes);
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** Parses {@code text}, e.g. a log message that may hold a CloudTrail event. */
  static JsonNode parse(String text) throws DecodeFailure {
    try {
      return READER.readValue(text);
    } catch (IOException e) {
      throw failure(e);
    }
  }

  private static void checkUtf8(byte[] bytes) throws DecodeFailure {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new DecodeFailure(ReasonCode.BAD_UTF8, "not valid UTF-8: " + e.getMessage());
    }
  }

  private static DecodeFailure failure(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamConstraintsException limit) {
        // Jackson reports every read limit this way; only nesting has its own reason.
        boolean nesting = limit.getOriginalMessage().contains("nesting depth");
        return new DecodeFailure(
            nesting ? ReasonCode.TOO_DEEP : ReasonCode.BAD_JSON, limit.getOriginalMessage());
      }
    }
    String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
    return new DecodeFailure(ReasonCode.BAD_JSON, "not valid JSON: " + message);
  }
}
