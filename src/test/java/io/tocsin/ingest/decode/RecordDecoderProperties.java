package io.tocsin.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.ingest.Fixtures;
import io.tocsin.model.DeadLetter;
import io.tocsin.model.Json;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The decoder never throws and never hangs, whatever the bytes: arbitrary bytes, valid records with
 * flipped, cut or inserted bytes (before or after gzip), and hostile JSON. Each try runs under a
 * time limit on its own thread; a valid envelope's messages come out unchanged.
 */
class RecordDecoderProperties {

  /** Far above any decode seen (milliseconds); a try past it counts as a hang. */
  private static final Duration PER_TRY = Duration.ofSeconds(5);

  private static final SourcePosition AT = SourcePosition.kinesis("fuzz", "shardId-0", "1");
  private static final ExecutorService RUNNER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "decoder-fuzz");
            t.setDaemon(true);
            return t;
          });
  private static final Set<String> REASONS =
      Stream.of(ReasonCode.values()).map(ReasonCode::code).collect(Collectors.toSet());

  private final RecordDecoder decoder =
      new RecordDecoder(Clock.systemUTC(), 1024 * 1024, EventIdWindow.defaults());

  @AfterContainer
  static void stopRunner() {
    RUNNER.shutdownNow();
  }

  @Provide
  Arbitrary<byte[]> arbitraryBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
  }

  @Provide
  Arbitrary<byte[]> mutatedRecords() {
    Arbitrary<byte[]> seed = Arbitraries.of(validJson());
    Arbitrary<Boolean> afterGzip = Arbitraries.of(true, false);
    Arbitrary<List<Integer>> edits = Arbitraries.integers().between(0, 1 << 20).list().ofSize(6);
    return Combinators.combine(seed, afterGzip, edits)
        .as(
            (json, gzipped, e) ->
                gzipped ? mutate(Fixtures.gzip(json), e) : maybeGzip(mutate(json, e), e));
  }

  @Provide
  Arbitrary<String> hostileJson() {
    Arbitrary<String> scalar =
        Arbitraries.of(
            "NaN",
            "-Infinity",
            "1e999999",
            "-0",
            "9".repeat(2000),
            "\"\\ud800\"",
            "\"\\u0000\"",
            "\"\\x\"",
            "true",
            "null",
            "\"eventName\"",
            "\"DATA_MESSAGE\"",
            "12345678901234567890");
    Arbitrary<String> key =
        Arbitraries.of(
            "messageType",
            "logEvents",
            "Records",
            "detail-type",
            "detail",
            "eventName",
            "eventSource",
            "eventTime",
            "timestamp",
            "message",
            "userIdentity",
            "logGroup");
    Arbitrary<String> nested =
        Arbitraries.recursive(
            () -> scalar,
            inner ->
                Arbitraries.oneOf(
                    inner.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]"),
                    Combinators.combine(key.list().ofMaxSize(4), inner.list().ofSize(4))
                        .as(RecordDecoderProperties::object),
                    inner.map(v -> "[".repeat(250) + v + "]".repeat(250))),
            1,
            5);
    return Arbitraries.oneOf(
        nested,
        nested.filter(v -> v.length() < 3000).map(v -> "[" + (v + ",").repeat(2000) + v + "]"));
  }

  @Provide
  Arbitrary<List<String>> messages() {
    Arbitrary<String> text =
        Arbitraries.oneOf(
            Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(200),
            Arbitraries.of("😀 ok", "ERROR x", "{\"eventSource\":\"s\"}", "", " ", "\t\n"));
    return text.list().ofMinSize(1).ofMaxSize(20);
  }

  @Property(tries = 1000)
  void shouldNeverThrowNorHangOnArbitraryBytes(@ForAll("arbitraryBytes") byte[] data) {
    checkBounded(data);
  }

  @Property(tries = 1000)
  void shouldNeverThrowNorHangOnDamagedRecords(@ForAll("mutatedRecords") byte[] data) {
    checkBounded(data);
  }

  @Property(tries = 300)
  void shouldNeverThrowNorHangOnHostileJson(@ForAll("hostileJson") String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    checkBounded(bytes);
    checkBounded(Fixtures.gzip(bytes));
  }

  @Property(tries = 300)
  void shouldPassEveryMessageOfAValidEnvelopeThroughUnchanged(
      @ForAll("messages") List<String> messages) {
    byte[] record = Fixtures.gzip(Fixtures.dataMessage("/aws/lambda/fuzz", messages));

    DecodeResult result = checkBounded(record);

    assertThat(result.deadLetters()).isEmpty();
    assertThat(result.logs().size() + result.cloudTrail().size()).isEqualTo(messages.size());
    assertThat(result.logs().stream().map(LogEvent::message).toList()).isSubsetOf(messages);
  }

  /** Decodes under the time limit; checks what every result must satisfy. */
  private DecodeResult checkBounded(byte[] data) {
    Future<DecodeResult> decoding = RUNNER.submit(() -> decoder.decode(data, AT));
    DecodeResult result;
    try {
      result = decoding.get(PER_TRY.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      decoding.cancel(true);
      return fail("decoding %d bytes took over %s: %s", data.length, PER_TRY, preview(data));
    } catch (ExecutionException e) {
      return fail("decode threw on %s", preview(data), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
    for (DeadLetter letter : result.deadLetters()) {
      assertThat(REASONS).contains(letter.reason());
      assertThat(letter.raw().length).isLessThanOrEqualTo(DeadLetter.MAX_RAW_BYTES);
      assertThat(letter.source()).isEqualTo(AT);
    }
    return result;
  }

  private static List<byte[]> validJson() {
    List<JsonNode> trail = Fixtures.pantherEvents().subList(0, 3);
    ObjectNode records = Json.MAPPER.createObjectNode();
    records.putArray("Records").addAll(trail);
    return List.of(
        Fixtures.bytes(Fixtures.dataMessage("/aws/lambda/f", List.of("START", "ERROR boom"))),
        Fixtures.bytes(Fixtures.dataMessage("/trail", List.of(trail.get(0).toString()))),
        Fixtures.bytes(Fixtures.eventBridge("AWS API Call via CloudTrail", trail.get(1))),
        Fixtures.bytes(records),
        Fixtures.bytes(trail.get(2)));
  }

  /** Flips a byte, cuts the end or repeats a slice, by the first of {@code e}. */
  private static byte[] mutate(byte[] data, List<Integer> e) {
    if (data.length == 0) {
      return data;
    }
    int at = e.get(1) % data.length;
    return switch (e.get(0) % 4) {
      case 0 -> {
        byte[] flipped = data.clone();
        flipped[at] ^= (byte) (1 << (e.get(2) % 8));
        flipped[e.get(3) % data.length] = (byte) e.get(4).intValue();
        yield flipped;
      }
      case 1 -> Arrays.copyOf(data, at);
      case 2 ->
          concat(
              Arrays.copyOf(data, at),
              Arrays.copyOfRange(data, e.get(3) % data.length, data.length),
              Arrays.copyOfRange(data, at, data.length));
      default ->
          concat(
              Arrays.copyOf(data, at),
              new byte[] {(byte) e.get(2).intValue()},
              Arrays.copyOfRange(data, at, data.length));
    };
  }

  private static byte[] maybeGzip(byte[] data, List<Integer> e) {
    return switch (e.get(5) % 3) {
      case 0 -> Fixtures.gzip(data);
      case 1 -> Base64.getEncoder().encode(Fixtures.gzip(data));
      default -> data;
    };
  }

  private static byte[] concat(byte[]... parts) {
    int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  private static String object(List<String> keys, List<String> values) {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < keys.size(); i++) {
      json.append(i == 0 ? "" : ",")
          .append('"')
          .append(keys.get(i))
          .append("\":")
          .append(values.get(i));
    }
    return json.append('}').toString();
  }

  private static String preview(byte[] data) {
    String text = new String(data, 0, Math.min(data.length, 120), StandardCharsets.ISO_8859_1);
    return data.length + " bytes starting " + text.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
