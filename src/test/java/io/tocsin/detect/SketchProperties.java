package io.tocsin.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.model.Json;
import io.tocsin.topics.JsonSerde;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * The quantile sketch behind p90/p95/p99: within 1 % of the exact nearest-rank quantile, the same
 * whether built at once or merged from buckets, and unchanged by its JSON round trip.
 */
class SketchProperties {

  @Provide
  Arbitrary<List<Double>> latencies() {
    return Arbitraries.oneOf(
            Arbitraries.doubles().between(0.001, 10).ofScale(4),
            Arbitraries.doubles().between(1, 100_000),
            Arbitraries.of(0.0, 1.0, 1000.0))
        .list()
        .ofMinSize(1)
        .ofMaxSize(400);
  }

  /** Latencies with extremes that spread bins wider than a dense merge takes. */
  @Provide
  Arbitrary<List<Double>> withExtremes() {
    return Arbitraries.oneOf(
            Arbitraries.doubles().between(1, 100_000),
            Arbitraries.of(1e-300, 1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY))
        .list()
        .ofMinSize(1)
        .ofMaxSize(50);
  }

  private static Sketch sketch(List<Double> values) {
    Sketch s = Sketch.EMPTY;
    for (double v : values) {
      s = s.plus(v);
    }
    return s;
  }

  private static double exact(List<Double> values, double q) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int rank = (int) Math.max(0, Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    return sorted.get(rank);
  }

  @Property(tries = 500)
  void shouldEstimateEveryQuantileWithinOnePercent(
      @ForAll("latencies") List<Double> values, @ForAll @DoubleRange(min = 0, max = 1) double q) {
    double exact = exact(values, q);
    assertThat(sketch(values).quantile(q))
        .isCloseTo(exact, org.assertj.core.data.Offset.offset(exact * 0.01 + 1e-12));
  }

  @Property(tries = 200)
  void shouldGiveTheSameSketchWhetherBuiltAtOnceOrMergedFromParts(
      @ForAll("latencies") List<Double> values) {
    assertMergesToTheWhole(values);
  }

  @Property(tries = 100)
  void shouldMergeSketchesOfExtremeValuesToo(@ForAll("withExtremes") List<Double> values) {
    assertMergesToTheWhole(values);
  }

  private static void assertMergesToTheWhole(List<Double> values) {
    int cut = values.size() / 2;
    Sketch merged =
        Sketch.merge(
            List.of(sketch(values.subList(0, cut)), sketch(values.subList(cut, values.size()))));
    Sketch whole = sketch(values);
    assertThat(merged.bins()).containsExactly(whole.bins());
    assertThat(merged.counts()).containsExactly(whole.counts());
    assertThat(merged.zeros()).isEqualTo(whole.zeros());
  }

  @Property(tries = 100)
  void shouldSurviveTheStoreSerde(@ForAll("latencies") List<Double> values) {
    JsonSerde<Sketch> serde = JsonSerde.of(Sketch.class);
    Sketch s = sketch(values);
    Sketch back = serde.fromBytes(serde.toBytes(s));
    assertThat(back.quantile(0.99)).isEqualTo(s.quantile(0.99));
    JsonNode expected = Json.MAPPER.valueToTree(s);
    assertThat((Object) Json.MAPPER.valueToTree(back)).isEqualTo(expected);
  }
}
