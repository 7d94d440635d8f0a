package io.tocsin.app.cli;

import io.tocsin.app.Pipeline;
import io.tocsin.app.ops.LogSetup;
import io.tocsin.app.ops.Telemetry;
import io.tocsin.config.ConfigLoader;
import io.tocsin.config.TocsinConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tocsin run}: the production pipeline against an existing Kafka cluster. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Run tocsin in production against an existing Kafka cluster (Amazon MSK or",
      "self-managed) and your Kinesis streams, until SIGTERM.",
      "Every config key can also be set as TOCSIN_<SECTION>__<KEY> in the environment."
    },
    footer = {
      "",
      "Examples:",
      "  tocsin run --config /etc/tocsin/config.yaml",
      "  TOCSIN_KAFKA__BOOTSTRAP_SERVERS=b-1.msk:9098 tocsin run --config tocsin.yaml",
      "",
      "Exit status: 143 after SIGTERM (a clean stop, as for any JVM); 2, with one line naming the"
          + " key, for invalid configuration or rules, a missing secret (API token, PagerDuty"
          + " routing key), a Kafka cluster that does not answer within kafka.startup_wait (60 s) or refuses"
          + " tocsin's credentials,"
          + " topics tocsin may not create or with other partition counts, or a Kinesis stream or"
          + " lease table that cannot be read."
    })
public final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file")
  Path config;

  private final Map<String, String> env;

  /** The command reading secrets and overrides from the process environment. */
  public RunCommand() {
    this(System.getenv());
  }

  /** The command reading secrets and overrides from {@code env}. */
  RunCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    TocsinConfig cfg = ConfigLoader.load(config, env);
    if (cfg.logging().json()) {
      LogSetup.useJson(LogSetup.context());
    }
    if (!cfg.kafka().hasCluster()) {
      throw new UserException(
          "kafka.bootstrap_servers is not set: tocsin run connects to an existing Kafka cluster"
              + " (set it in --config or TOCSIN_KAFKA__BOOTSTRAP_SERVERS); to try tocsin on this"
              + " machine use `tocsin local`");
    }
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.countDown();
                  try {
                    stopped.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "tocsin-stop"));
    try (Telemetry telemetry = new Telemetry();
        Pipeline pipeline = Pipeline.start(cfg, telemetry, env, LOG::info)) {
      LOG.info("tocsin running; SIGTERM stops it");
      stop.await();
      LOG.info("stopping");
    } finally {
      stopped.countDown();
    }
    return 0;
  }
}
