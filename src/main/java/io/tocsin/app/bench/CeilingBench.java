package io.tocsin.app.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tocsin.app.bench.Rounds.Contender;
import io.tocsin.app.bench.Rounds.Rate;
import io.tocsin.ingest.decode.DecodeResult;
import io.tocsin.ingest.decode.RecordDecoder;
import io.tocsin.model.CloudTrailEvent;
import io.tocsin.model.Json;
import io.tocsin.model.LogEvent;
import io.tocsin.model.SourcePosition;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleEvent;
import io.tocsin.rules.RuleSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * tocsin's detection work per event against the work no implementation can avoid, on one corpus in
 * one JVM. The ceiling inflates each record and parses its JSON with Jackson's streaming parser,
 * materialising every string (CloudWatch Logs), or parses each EventBridge record (CloudTrail).
 * tocsin's path decodes each record with {@link RecordDecoder} and matches every event against the
 * rules with {@link RuleSet#matching}, as ingest and the detectors do, without Kafka.
 */
final class CeilingBench {

  private static final SourcePosition AT = SourcePosition.kinesis("bench", "shardId-0", "0");
  private static final JsonFactory JSON = Json.MAPPER.getFactory();

  /**
   * The figures of one source.
   *
   * @param ceiling inflate + parse alone
   * @param tocsin decode + match
   * @param matchesPerThousand rule matches per 1,000 events, to say how much matched
   */
  record Result(Rate ceiling, Rate tocsin, double matchesPerThousand) {
    /** tocsin's rate as a fraction of the ceiling. */
    double ratio() {
      return tocsin.eventsPerSecond() / ceiling.eventsPerSecond();
    }
  }

  private final Corpus corpus;
  private final RuleSet rules;

  CeilingBench(Corpus corpus, RuleSet rules) {
    this.corpus = corpus;
    this.rules = rules;
  }

  /** The logs figures. */
  Result logs(Rounds rounds) {
    RecordDecoder decoder = RecordDecoder.withDefaults();
    List<Rate> rates =
        rounds.run(
            List.of(
                new Contender("logs ceiling", this::inflateAndParseLogs),
                new Contender("logs decode+match", () -> decodeAndMatch(decoder, false))));
    return new Result(rates.get(0), rates.get(1), matchesPerThousand(Rule.Source.LOGS));
  }

  /** The CloudTrail figures. */
  Result cloudTrail(Rounds rounds) {
    List<Rate> rates =
        rounds.run(
            List.of(
                new Contender("cloudtrail ceiling", this::parseCloudTrail),
                // A fresh decoder per pass: its eventID window would drop a second pass entirely.
                new Contender(
                    "cloudtrail decode+match",
                    () -> decodeAndMatch(RecordDecoder.withDefaults(), true))));
    return new Result(rates.get(0), rates.get(1), matchesPerThousand(Rule.Source.CLOUDTRAIL));
  }

  private long inflateAndParseLogs() {
    long events = 0;
    for (byte[] record : corpus.logRecords()) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(record), 16 * 1024)) {
        events += parse(JSON.createParser(in), "message");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return events;
  }

  private long parseCloudTrail() {
    long events = 0;
    for (byte[] record : corpus.cloudTrailRecords()) {
      try {
        events += parse(JSON.createParser(record), "eventName");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return events;
  }

  /** Reads every token, materialising each string; returns how many {@code countedField}s. */
  private static long parse(JsonParser parser, String countedField) throws IOException {
    long counted = 0;
    long chars = 0;
    try (parser) {
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        if (t == JsonToken.FIELD_NAME && countedField.equals(parser.currentName())) {
          counted++;
        } else if (t == JsonToken.VALUE_STRING) {
          chars += parser.getText().length();
        }
      }
    }
    Rounds.consume(chars);
    return counted;
  }

  private long decodeAndMatch(RecordDecoder decoder, boolean cloudTrail) {
    long events = 0;
    long matched = 0;
    for (byte[] record : cloudTrail ? corpus.cloudTrailRecords() : corpus.logRecords()) {
      DecodeResult result = decoder.decode(record, AT);
      for (LogEvent log : result.logs()) {
        matched += rules.matching(Rule.Source.LOGS, RuleEvent.of(log)).size();
      }
      for (CloudTrailEvent event : result.cloudTrail()) {
        matched += rules.matching(Rule.Source.CLOUDTRAIL, RuleEvent.of(event)).size();
      }
      events += result.logs().size() + result.cloudTrail().size();
    }
    Rounds.consume(matched);
    return events;
  }

  private double matchesPerThousand(Rule.Source source) {
    long matched = 0;
    long events;
    if (source == Rule.Source.LOGS) {
      for (LogEvent log : corpus.logs()) {
        matched += rules.matching(source, RuleEvent.of(log)).size();
      }
      events = corpus.logs().size();
    } else {
      for (CloudTrailEvent event : corpus.cloudTrail()) {
        matched += rules.matching(source, RuleEvent.of(event)).size();
      }
      events = corpus.cloudTrail().size();
    }
    return matched * 1000.0 / Math.max(1, events);
  }
}
