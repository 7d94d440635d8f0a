package io.tocsin.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.KinesisSettings;
import io.tocsin.detect.DetectionTopology;
import io.tocsin.fault.PoisonRecords.Poison;
import io.tocsin.ingest.kinesis.IngestTestBed;
import io.tocsin.ingest.kinesis.KinesisSource;
import io.tocsin.kafka.StreamsService;
import io.tocsin.model.DeadLetter;
import io.tocsin.model.SourcePosition;
import io.tocsin.rules.RuleLoader;
import io.tocsin.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Malformed and hostile records ({@link PoisonRecords}) among valid traffic, read from Kinesis by
 * the KCL: each poison record becomes exactly one dead letter with its reason, the JVM's heap after
 * GC never grows by what one bomb inflates to (so no bomb was held in full), and every valid event
 * still arrives and fires its incident once.
 */
class FaultPoisonInputIT {

  private static final int VALID_RECORDS = 80;
  private static final Duration WAIT = Duration.ofSeconds(120);

  @RegisterExtension static final IngestTestBed bed = new IngestTestBed();

  @Test
  void shouldDeadLetterEachPoisonRecordOnceInBoundedMemoryWhileValidTrafficGoesThrough() {
    String stream = IngestTestBed.uniqueName("poison");
    KinesisSettings settings = bed.worker(stream, 1, "poison-worker", 5, Duration.ofSeconds(10));
    bed.prepare(settings);
    FaultTraffic traffic = new FaultTraffic("poison", 20);
    List<byte[]> valid = traffic.records(0, VALID_RECORDS);
    List<Poison> poison = PoisonRecords.all();
    Map<String, Poison> bySequence = put(stream, valid, poison);

    try (HeapWatch heap = new HeapWatch();
        StreamsService detection =
            new StreamsService(
                "detect",
                DetectionTopology.build(RuleLoader.load(List.of())),
                bed.kafka().streams("detect"));
        KinesisSource source = bed.start(settings)) {
      detection.start();
      List<DeadLetter> letters =
          bed.awaitRecords(
              Topics.DEADLETTER, d -> d.source().stream().equals(stream), poison.size(), WAIT);
      FaultFigures figures =
          traffic.settle(
              bed,
              "poison input (" + poison.size() + " hostile records among " + VALID_RECORDS + ")",
              VALID_RECORDS,
              stream,
              "it-detect",
              WAIT);
      figures.print();
      System.out.printf(
          "FAULT poison input: heap after GC rose %d MB above %d MB (a bomb inflates to %d MB);"
              + " dead letters by reason %s%n",
          heap.growthBytes() >> 20,
          heap.baselineBytes() >> 20,
          PoisonRecords.BOMB_BYTES >> 20,
          letters.stream()
              .collect(Collectors.groupingBy(DeadLetter::reason, Collectors.counting())));

      Map<String, List<String>> reasons =
          letters.stream()
              .collect(
                  Collectors.groupingBy(
                      d -> d.source().offset(),
                      Collectors.mapping(DeadLetter::reason, Collectors.toList())));
      bySequence.forEach(
          (sequence, p) ->
              assertThat(reasons.get(sequence)).as(p.name()).containsExactly(p.reason()));
      assertThat(letters).hasSize(poison.size());
      assertThat(heap.growthBytes()).isLessThan(PoisonRecords.BOMB_BYTES);
      assertThat(source.running()).isTrue();
      assertThat(figures.deadLetters()).isEqualTo(poison.size());
      assertThat(figures.eventsIn()).isEqualTo(figures.eventsSent());
      assertThat(figures.alerts().missing()).isZero();
      assertThat(figures.alerts().duplicates()).isZero();
    }
  }

  /**
   * Puts the valid records with a poison record after every few, one poison record per put (some
   * are near Kinesis's 1 MiB limit); returns each poison record by its sequence number.
   */
  private static Map<String, Poison> put(String stream, List<byte[]> valid, List<Poison> poison) {
    int every = valid.size() / (poison.size() + 1);
    Map<String, Poison> bySequence = new java.util.HashMap<>();
    int from = 0;
    for (Poison p : poison) {
      bed.put(stream, valid.subList(from, from + every));
      from += every;
      List<SourcePosition> at = bed.put(stream, new ArrayList<>(List.of(p.data())));
      bySequence.put(at.get(0).offset(), p);
    }
    bed.put(stream, valid.subList(from, valid.size()));
    return bySequence;
  }
}
