package io.tocsin.docs;

import io.tocsin.config.DeploymentSettings;
import io.tocsin.config.HeartbeatSettings;
import io.tocsin.detect.DetectionTopology;
import io.tocsin.detect.HeartbeatDetector;
import io.tocsin.rules.RuleLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

/**
 * topology-docs/ is generated from the code: this test regenerates every file and fails when a
 * committed one differs, naming the command that refreshes them.
 */
class TopologyDocsTest {

  private static final Path DOCS = Path.of("topology-docs");
  private static final String REFRESH =
      "mvn -B test -Dtest=TopologyDocsTest -Dtocsin.updateDocs=true";

  /** Each documented topology, built from the default rule pack as in production. */
  private static Map<String, Topology> topologies() {
    StreamsBuilder heartbeat = new StreamsBuilder();
    HeartbeatDetector.build(
        heartbeat,
        List.of(
            new HeartbeatSettings(
                "orders-logs", "logs", "/aws/lambda/orders-api", Duration.ofMinutes(10), null)),
        null);
    return Map.of(
        "detect",
        DetectionTopology.build(RuleLoader.load(List.of()), null, DeploymentSettings.defaults()),
        "heartbeat",
        heartbeat.build());
  }

  @Test
  void shouldMatchTheCommittedTopologyDescriptions() throws IOException {
    for (Map.Entry<String, Topology> entry : topologies().entrySet()) {
      String name = entry.getKey();
      var description = entry.getValue().describe();
      CommittedDoc.check(DOCS.resolve(name + ".topology.txt"), description.toString(), REFRESH);
      CommittedDoc.check(
          DOCS.resolve(name + ".topology.md"),
          MermaidRenderer.render("The `" + name + "` topology", description),
          REFRESH);
    }
    CommittedDoc.check(DOCS.resolve("topics.md"), TopicsDoc.render(), REFRESH);
  }
}
