package io.tocsin.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Json;
import io.tocsin.pattern.PatternKind;
import io.tocsin.rules.RuleSet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tocsin bench} at tiny settings, without its end-to-end part: a smoke test, not figures.
 */
class BenchTest {

  @TempDir Path dir;

  @Test
  void shouldPrintEveryInJvmFigureAsATableAndOneJsonLine() throws Exception {
    BenchSettings tiny =
        new BenchSettings(
            "tiny",
            7,
            2_000,
            200,
            Duration.ofMillis(50),
            Duration.ofMillis(50),
            1,
            false,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            0,
            "512m");
    List<String> progress = new ArrayList<>();

    BenchReport report = Bench.run(tiny, "unused", dir, progress::add);

    assertThat(progress).hasSize(3);
    assertThat(report.table())
        .contains("logs: ratio to ceiling", "cloudtrail: cost of 1000 rules / cost of 10")
        .contains("end to end: skipped on request");
    JsonNode json = Json.MAPPER.readTree(report.json());
    assertThat(report.json()).doesNotContain("\n");
    assertThat(json.at("/corpus/log_events").asInt()).isGreaterThanOrEqualTo(2_000);
    assertThat(json.at("/ceiling/logs/ratio").asDouble()).isPositive();
    assertThat(json.at("/ceiling/cloudtrail/tocsin_events_per_s").asLong()).isPositive();
    assertThat(json.at("/rule_scaling/logs/ns_per_event").size()).isEqualTo(3);
    assertThat(json.at("/rule_scaling/cloudtrail/growth").asDouble()).isPositive();
    assertThat(json.has("end_to_end")).isFalse();
    assertThat(json.at("/not_measured").size()).isEqualTo(3);
  }

  @Test
  void shouldGenerateRulesOfEveryShapeSomeOfWhichMatchTheSampleTraffic() {
    Corpus corpus = Corpus.generate(7, 2_000, 300, Instant.parse("2026-11-26T00:00:00Z"));
    RuleSet rules = RuleGenerator.load(100, dir);

    assertThat(rules.size()).isEqualTo(100);
    assertThat(rules.all())
        .extracting(r -> r.pattern().kind())
        .contains(PatternKind.TERMS, PatternKind.JSON, PatternKind.DELIMITED);
    ExpectedIncidents logs = new ExpectedIncidents(rules);
    corpus.logs().forEach(logs::add);
    ExpectedIncidents trail = new ExpectedIncidents(rules);
    corpus.cloudTrail().forEach(trail::add);
    assertThat(logs.fingerprints()).isNotEmpty();
    assertThat(trail.fingerprints()).isNotEmpty();
  }
}
