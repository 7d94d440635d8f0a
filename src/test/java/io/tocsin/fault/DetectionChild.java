package io.tocsin.fault;

import io.tocsin.config.KafkaSettings;
import io.tocsin.detect.DetectionTopology;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.kafka.StreamsService;
import io.tocsin.rules.RuleLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Detection alone (the production topology and Streams settings) in a JVM of its own, for tests
 * that kill it with SIGKILL: no shutdown hook, no commit, no clean close. Prints {@link #RUNNING}
 * once Streams runs.
 */
final class DetectionChild {

  /** The line printed once detection runs. */
  static final String RUNNING = "detection running";

  private DetectionChild() {}

  /**
   * Starts {@code java -cp <this JVM's class path> DetectionChild} with its output in {@code log}.
   */
  static Process start(String bootstrap, Path stateDir, Path rulesDir, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path")));
    command.addAll(
        List.of(
            DetectionChild.class.getName(), bootstrap, stateDir.toString(), rulesDir.toString()));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** {@code BOOTSTRAP STATE_DIR RULES_DIR}: runs detection until killed. */
  public static void main(String[] args) throws InterruptedException {
    KafkaClients clients = new KafkaClients(KafkaSettings.defaults().withCluster(args[0], args[1]));
    StreamsService detection =
        new StreamsService(
            "detect",
            DetectionTopology.build(RuleLoader.load(List.of(Path.of(args[2])))),
            clients.streams("detect"));
    detection.start();
    if (!detection.awaitRunning(Duration.ofSeconds(60))) {
      System.out.println("detection did not reach RUNNING: " + detection.state());
      System.exit(1);
    }
    System.out.println(RUNNING);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
