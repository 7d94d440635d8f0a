package io.tocsin.ingest.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tocsin.model.Json;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Parses one JSON document with the project's limits ({@link Json#MAX_NESTING_DEPTH}) and at most
 * {@link #MAX_TOKENS} tokens, mapping every way it can fail to a {@link ReasonCode}.
 */
final class JsonInput {

  /**
   * Most JSON tokens in one document: 2,000,000. A CloudTrail file at the decoder's default bound
   * of 16 MiB holds about 1.2 million; a gzip of {@code [{},{},…]} that small in bytes would
   * otherwise build a tree of several hundred MB. At the limit the tree takes about 100 MB.
   */
  static final long MAX_TOKENS = 2_000_000;

  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final ObjectMapper MAPPER = mapper();
  private static final ObjectReader READER =
      MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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

  /**
   * A streaming parser over {@code bytes} with the same limits, which leaves checking UTF-8 to
   * {@link #checkUtf8}; when it fails, {@link #malformed} says why as {@link #parse(byte[])} would.
   */
  static JsonParser parser(byte[] bytes) throws DecodeFailure {
    try {
      return READER.createParser(bytes);
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** Why {@code bytes}, on which a streaming read failed with {@code e}, are not accepted. */
  static DecodeFailure malformed(byte[] bytes, IOException e) {
    try {
      parse(bytes);
    } catch (DecodeFailure f) {
      return f;
    }
    return failure(e);
  }

  /** The value at {@code p}'s current token as the tree node {@link #parse} would build. */
  static JsonNode node(JsonParser p) throws IOException {
    return MAPPER.readTree(p);
  }

  private static ObjectMapper mapper() {
    ObjectMapper mapper = Json.MAPPER.copy();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(Json.MAX_NESTING_DEPTH)
                .maxTokenCount(MAX_TOKENS)
                .build());
    return mapper;
  }

  /** Invalid UTF-8 is {@code bad_utf8}. */
  static void checkUtf8(byte[] bytes) throws DecodeFailure {
    if (isAscii(bytes)) {
      return;
    }
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

  /**
   * ASCII is valid UTF-8, and most records are ASCII: no need to decode them to check. Eight bytes
   * a step: a record of log events is tens of kilobytes, and a byte loop cost as much as a tenth of
   * decoding it.
   */
  static boolean isAscii(byte[] bytes) {
    int i = 0;
    long high = 0;
    for (int words = bytes.length - Long.BYTES; i <= words; i += Long.BYTES) {
      high |= (long) WORDS.get(bytes, i);
    }
    for (; i < bytes.length; i++) {
      high |= bytes[i];
    }
    return (high & 0x8080808080808080L) == 0;
  }

  private static DecodeFailure failure(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamConstraintsException limit) {
        // Jackson reports every read limit this way; nesting and size have their own reasons.
        String message = limit.getOriginalMessage();
        ReasonCode reason =
            message.contains("nesting depth")
                ? ReasonCode.TOO_DEEP
                : message.contains("Token count") ? ReasonCode.OVERSIZE : ReasonCode.BAD_JSON;
        return new DecodeFailure(reason, message);
      }
    }
    String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
    return new DecodeFailure(ReasonCode.BAD_JSON, "not valid JSON: " + message);
  }
}
