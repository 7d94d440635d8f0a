package io.tocsin.fault;

import io.tocsin.ingest.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Malformed and hostile Kinesis records, each with the dead-letter reason it must get: broken and
 * explosive gzip, deep nesting, megabyte lines, invalid UTF-8, NaN, wrong types, huge arrays. The
 * bombs inflate to more than the test JVM's heap, so decoding them in full would not survive.
 */
final class PoisonRecords {

  /** One poison record and the reason code its one dead letter must carry. */
  record Poison(String name, byte[] data, String reason) {}

  private static final String ENVELOPE_HEAD =
      "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\",\"logGroup\":\"/aws/lambda/p\","
          + "\"logStream\":\"s\",\"subscriptionFilters\":[\"f\"],\"logEvents\":";

  /**
   * What the largest bomb inflates to: 768 MiB, more than the test JVM can hold next to its work.
   */
  static final long BOMB_BYTES = 768L << 20;

  private PoisonRecords() {}

  /** The whole corpus. */
  static List<Poison> all() {
    byte[] envelope =
        gzip(utf8(ENVELOPE_HEAD + "[{\"id\":\"1\",\"timestamp\":1,\"message\":\"x\"}]}"));
    List<Poison> poison = new ArrayList<>();
    poison.add(
        new Poison("truncated gzip", Arrays.copyOf(envelope, envelope.length - 9), "bad_gzip"));
    poison.add(new Poison("gzip bomb, 768 MiB of zeros", bomb("", BOMB_BYTES, ""), "oversize"));
    poison.add(
        new Poison(
            "base64 gzip bomb, 256 MiB",
            Base64.getEncoder().encode(bomb("", 256L << 20, "")),
            "oversize"));
    poison.add(
        new Poison(
            "10,000-deep nesting",
            utf8("{\"Records\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
            "too_deep"));
    poison.add(
        new Poison(
            "deep nesting in a gzip envelope",
            gzip(utf8(ENVELOPE_HEAD + "[".repeat(5_000) + "]".repeat(5_000) + "}")),
            "too_deep"));
    poison.add(
        new Poison(
            "a 1.1 MB log line (too large for Kafka)",
            gzip(
                utf8(
                    ENVELOPE_HEAD
                        + "[{\"id\":\"1\",\"timestamp\":1,\"message\":\""
                        + "x".repeat(1_100_000)
                        + "\"}]}")),
            "too_large_for_kafka"));
    poison.add(new Poison("a 1 MB plain-text line", utf8("ERROR ".repeat(166_000)), "bad_json"));
    byte[] badUtf8 =
        utf8(ENVELOPE_HEAD + "[{\"id\":\"1\",\"timestamp\":1,\"message\":\"caf\u00e9\"}]}");
    badUtf8[badUtf8.length - 6] = (byte) 0x28;
    poison.add(new Poison("invalid UTF-8 inside gzip", gzip(badUtf8), "bad_utf8"));
    poison.add(
        new Poison("invalid UTF-8", new byte[] {'{', '"', (byte) 0xC3, '"', '}'}, "bad_utf8"));
    poison.add(
        new Poison(
            "NaN in a CloudTrail event",
            utf8("{\"eventName\":\"X\",\"eventSource\":\"s\",\"n\":NaN}"),
            "bad_json"));
    poison.add(
        new Poison(
            "NaN timestamp",
            gzip(utf8(ENVELOPE_HEAD + "[{\"id\":\"1\",\"timestamp\":NaN,\"message\":\"x\"}]}")),
            "bad_json"));
    poison.add(
        new Poison(
            "logGroup a number",
            gzip(utf8(ENVELOPE_HEAD.replace("\"/aws/lambda/p\"", "42") + "[]}")),
            "bad_field"));
    poison.add(
        new Poison(
            "eventName a number",
            utf8("{\"eventName\":7,\"eventSource\":\"iam.amazonaws.com\"}"),
            "bad_field"));
    poison.add(
        new Poison(
            "timestamp a word",
            gzip(
                utf8(
                    ENVELOPE_HEAD
                        + "[{\"id\":\"1\",\"timestamp\":\"yesterday\",\"message\":\"x\"}]}")),
            "bad_field"));
    poison.add(
        new Poison(
            "huge array: 16 MiB of {\"Records\":[0,0,…]}",
            bomb("{\"Records\":[0", 16L << 20, "]}", ",0"),
            "oversize"));
    poison.add(
        new Poison(
            "huge array: 300,000 empty logEvents",
            gzip(utf8(ENVELOPE_HEAD + "[" + "{},".repeat(300_000) + "{}]}")),
            "bad_field"));
    poison.add(
        new Poison(
            "wide array: 5,000 elements that are no CloudTrail events",
            gzip(utf8("{\"Records\":[" + "1,".repeat(5_000) + "1]}")),
            "unknown_shape"));
    poison.add(new Poison("a JSON array", utf8("[1,2,3]"), "unknown_shape"));
    poison.add(
        new Poison(
            "an EventBridge event tocsin does not read",
            Fixtures.bytes(
                Fixtures.eventBridge(
                    "EC2 Instance State-change Notification", Fixtures.pantherEvents().get(0))),
            "unsupported_event"));
    return poison;
  }

  /** Gzip of {@code head}, then {@code filler} (zeros by default) up to {@code size}, then tail. */
  private static byte[] bomb(String head, long size, String tail, String... filler) {
    byte[] chunk =
        filler.length == 0
            ? new byte[64 * 1024]
            : utf8(filler[0].repeat(64 * 1024 / filler[0].length()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
      gzip.write(utf8(head));
      for (long n = head.length() + tail.length(); n + chunk.length <= size; n += chunk.length) {
        gzip.write(chunk);
      }
      gzip.write(utf8(tail));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] data) {
    return Fixtures.gzip(data);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
