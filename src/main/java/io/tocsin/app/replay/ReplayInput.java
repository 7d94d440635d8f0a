package io.tocsin.app.replay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Json;
import io.tocsin.model.SourcePosition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Splits replay files into input records: a file holding one JSON document (a CloudTrail {@code
 * Records} body, a subscription envelope) is one record, a JSON array gives one record per element,
 * anything else is read line by line. Gzip'd files are inflated first; directories are walked.
 */
final class ReplayInput {

  /** Largest inflated file replay reads. */
  static final long MAX_FILE_BYTES = 512L * 1024 * 1024;

  private final String pointer;

  /** Reads records, taking {@code pointer} (a JSON pointer such as /event) of each, if set. */
  ReplayInput(String pointer) {
    this.pointer = pointer;
  }

  /** Every regular file under {@code paths}, in name order. */
  static List<Path> files(List<Path> paths) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new IOException(path + ": no such file or directory");
      }
    }
    return files;
  }

  /** Hands each record of {@code file} to {@code sink} with its position (file and line). */
  void read(Path file, boolean linesOnly, BiConsumer<byte[], SourcePosition> sink)
      throws IOException {
    byte[] bytes = content(file);
    String text = new String(bytes, StandardCharsets.UTF_8);
    JsonNode whole = linesOnly ? null : wholeDocument(text);
    if (whole != null && whole.isArray()) {
      int i = 0;
      for (JsonNode element : whole) {
        sink.accept(select(element), SourcePosition.file(file.toString(), ++i));
      }
    } else if (whole != null) {
      sink.accept(select(whole), SourcePosition.file(file.toString(), 1));
    } else {
      long line = 0;
      for (String row : text.split("\r?\n")) {
        line++;
        if (!row.isBlank()) {
          byte[] record = row.getBytes(StandardCharsets.UTF_8);
          sink.accept(
              pointer == null ? record : selectLine(row, record),
              SourcePosition.file(file.toString(), line));
        }
      }
    }
  }

  /** The pointed-to part of {@code node}: a string's text as is, anything else as JSON. */
  private byte[] select(JsonNode node) throws IOException {
    JsonNode picked = pointer == null ? node : node.at(pointer);
    if (picked.isMissingNode()) {
      picked = node;
    }
    return picked.isTextual()
        ? picked.textValue().getBytes(StandardCharsets.UTF_8)
        : Json.MAPPER.writeValueAsBytes(picked);
  }

  private byte[] selectLine(String row, byte[] record) {
    try {
      return select(Json.MAPPER.readTree(row));
    } catch (IOException e) {
      return record; // not JSON: the decoder dead-letters it with the reason
    }
  }

  /** The file as one JSON value, or {@code null} when it is not exactly one. */
  private static JsonNode wholeDocument(String text) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
      return null;
    }
    try (JsonParser parser = Json.MAPPER.createParser(trimmed)) {
      JsonNode node = Json.MAPPER.readTree(parser);
      return parser.nextToken() == null ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static byte[] content(Path file) throws IOException {
    byte[] raw = Files.readAllBytes(file);
    if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) {
      return raw;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      byte[] inflated = in.readNBytes((int) Math.min(MAX_FILE_BYTES, Integer.MAX_VALUE - 8));
      if (in.read() != -1) {
        throw new IOException(file + ": inflates to more than " + MAX_FILE_BYTES + " bytes");
      }
      return inflated;
    }
  }
}
