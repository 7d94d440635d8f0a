package io.tocsin.app;

import io.tocsin.app.ops.IngestHealthChecks;
import io.tocsin.app.ops.IngestStallAlerts;
import io.tocsin.app.ops.OpsRoutes;
import io.tocsin.app.ops.ReadinessCheck;
import io.tocsin.app.ops.StreamsReadiness;
import io.tocsin.app.ops.Telemetry;
import io.tocsin.config.ApiSettings;
import io.tocsin.config.ConfigException;
import io.tocsin.config.Durations;
import io.tocsin.config.RulesSettings;
import io.tocsin.config.TocsinConfig;
import io.tocsin.detect.DetectionTopology;
import io.tocsin.detect.HeartbeatDetector;
import io.tocsin.ingest.decode.RecordDecoder;
import io.tocsin.ingest.kinesis.KinesisSource;
import io.tocsin.kafka.KafkaClients;
import io.tocsin.kafka.StreamsService;
import io.tocsin.kafka.TopicProvisioner;
import io.tocsin.notify.pipeline.NotifierService;
import io.tocsin.query.ApiServer;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.rules.SourceNetworks;
import io.tocsin.store.AlertStoreTopology;
import io.tocsin.store.ClusterAlertStore;
import io.tocsin.store.ClusterSeriesFigures;
import io.tocsin.store.DeploymentStoreTopology;
import io.tocsin.store.GlobalDeploymentStore;
import io.tocsin.store.LocalSeriesFigures;
import io.tocsin.store.SilenceStore;
import io.tocsin.store.TopicSilenceStore;
import io.tocsin.topics.Topics;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline on a Kafka cluster, started in data-flow order and closed in reverse, after the
 * {@link StartupChecks} (secrets, then the rule files — every error at once — then a reachable
 * cluster and the Kinesis streams) passed: topics, silences, the HTTP server and alert and
 * deployment stores, detection, heartbeats, the notifier, then the Kinesis source. {@code tocsin
 * run} starts it against production; {@code tocsin local} against the in-process broker and
 * emulators.
 */
public final class Pipeline implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final List<ReadinessCheck> readiness = new CopyOnWriteArrayList<>();
  private final List<ReadinessCheck> liveness = new CopyOnWriteArrayList<>();
  private final KafkaClients clients;
  private RuleSet rules;
  private TopicSilenceStore silences;
  private int port;

  private Pipeline(KafkaClients clients) {
    this.clients = clients;
  }

  /**
   * Starts every part {@code config} enables, reporting each step to {@code say}; on failure closes
   * what had started and rethrows.
   */
  public static Pipeline start(
      TocsinConfig config, Telemetry telemetry, Map<String, String> env, Consumer<String> say) {
    Pipeline pipeline = new Pipeline(new KafkaClients(config.kafka()));
    try {
      pipeline.startAll(config, telemetry, env, say);
      return pipeline;
    } catch (RuntimeException e) {
      pipeline.close();
      throw e;
    }
  }

  /** {@code rules} naming source networks by AS number when {@code settings} has a table. */
  private static RuleSet withNetworks(RuleSet rules, RulesSettings settings, Consumer<String> say) {
    if (settings.asnTable() == null) {
      return rules;
    }
    try {
      return rules.withNetworks(SourceNetworks.load(Path.of(settings.asnTable()), say));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new ConfigException("rules.asn_table", e.getMessage());
    }
  }

  private void startAll(
      TocsinConfig config, Telemetry telemetry, Map<String, String> env, Consumer<String> say) {
    StartupChecks.secrets(config, env); // before touching the cluster
    rules =
        withNetworks(
            RuleLoader.load(config.rules().paths(), config.rules().includeDefaults()),
            config.rules(),
            say);
    StartupChecks.kafkaReachable(clients, config.kafka().startupWait(), say);
    StartupChecks.kinesis(config, say);
    new TopicProvisioner(clients).ensure(Topics.ALL);
    say.accept("topics ready on " + config.kafka().bootstrapServers() + ": " + Topics.ALL);

    silences = new TopicSilenceStore(clients, Duration.ofSeconds(10));
    silences.start();
    started.push(silences);

    Topology detection = DetectionTopology.build(rules, telemetry.registry(), config.deployments());
    AtomicReference<KafkaStreams> detecting = new AtomicReference<>();
    startApi(
        config.api(),
        telemetry,
        env,
        say,
        LocalSeriesFigures.of(detecting::get, DetectionTopology.figureStores(detection)));

    int threads = config.kafka().detectionThreadsOrDefault();
    Properties detect = clients.streams("detect");
    detect.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    StreamsService detector = new StreamsService("detect", detection, detect);
    start(detector, "detect", telemetry);
    detecting.set(detector.streams());
    say.accept(
        "detection running with " + rules.size() + " rules on " + threads + " stream threads");

    if (!config.heartbeats().isEmpty()) {
      StreamsBuilder builder = new StreamsBuilder();
      HeartbeatDetector.build(builder, config.heartbeats(), telemetry.registry());
      streams("heartbeat", builder.build(), telemetry);
      say.accept("heartbeats watching " + config.heartbeats().size() + " sources");
    }

    if (config.deployments().enabled()) {
      say.accept(
          "deploy watch judging each deploy's "
              + Durations.format(config.deployments().window())
              + " after against the "
              + Durations.format(config.deployments().baseline())
              + " before");
    }

    if (!config.delivery().receivers().isEmpty()) {
      NotifierService notifier =
          NotifierService.create(
              config.delivery(), clients, silences, telemetry.registry(), Clock.systemUTC(), env);
      notifier.start();
      started.push(notifier);
      readiness.add(notifierReadiness(notifier));
      say.accept(
          "delivering to "
              + config.delivery().receivers().stream()
                  .map(r -> r.name() + " (" + r.sink() + ")")
                  .toList());
    }

    if (config.kinesis().enabled()) {
      IngestStallAlerts stallAlerts = new IngestStallAlerts(clients, config.kafka().instanceId());
      started.push(stallAlerts);
      KinesisSource source =
          new KinesisSource(
              config.kinesis(),
              clients,
              RecordDecoder.withDefaults(),
              telemetry.registry(),
              stallAlerts);
      source.start();
      started.push(source);
      readiness.add(IngestHealthChecks.readiness(source));
      liveness.add(
          IngestHealthChecks.liveness(source, config.kinesis().deadAfter(), Clock.systemUTC()));
      say.accept("reading Kinesis " + config.kinesis().streams() + " with the KCL");
    }
  }

  /**
   * The alert store, and the HTTP server with the API, console, health and metrics, drawing sliding
   * rules' series from this instance's {@code figures} and its peers'; health is served from here
   * on while the rest starts.
   */
  private void startApi(
      ApiSettings api,
      Telemetry telemetry,
      Map<String, String> env,
      Consumer<String> say,
      LocalSeriesFigures figures) {
    String token = api.token(env);
    StreamsBuilder builder = new StreamsBuilder();
    AlertStoreTopology.build(builder, api.retention());
    DeploymentStoreTopology.build(builder);
    StreamsService store =
        new StreamsService("store", builder.build(), AlertStoreTopology.properties(clients, api));
    ClusterAlertStore alerts = new ClusterAlertStore(store.streams(), api, token);
    ApiServer server =
        new ApiServer(api, token, alerts, alerts.local(), silences, rules)
            .withDeployments(GlobalDeploymentStore.of(store.streams()))
            .withFigures(new ClusterSeriesFigures(store.streams(), figures, api, token), figures)
            .addRoutes(
                app ->
                    new OpsRoutes(
                            this::readiness, () -> List.copyOf(liveness), telemetry.registry())
                        .register(app))
            .start();
    started.push(server);
    port = server.port();
    start(store, "store", telemetry);
    say.accept("API, web console, /health and /metrics on http://" + api.host() + ":" + port + "/");
  }

  private StreamsService streams(String name, Topology topology, Telemetry telemetry) {
    StreamsService service = new StreamsService(name, topology, clients.streams(name));
    start(service, name, telemetry);
    return service;
  }

  private void start(StreamsService service, String name, Telemetry telemetry) {
    telemetry.bind(name, service);
    service.start();
    started.push(service);
    readiness.add(new StreamsReadiness(name + "-streams", service));
  }

  private static ReadinessCheck notifierReadiness(NotifierService notifier) {
    return new ReadinessCheck() {
      @Override
      public String name() {
        return "notifier";
      }

      @Override
      public Result check() {
        return notifier.running()
            ? Result.up("delivering")
            : Result.down(notifier.failure().map(Throwable::toString).orElse("stopped"));
      }
    };
  }

  /** The port of the HTTP server. */
  public int port() {
    return port;
  }

  /** The silences shared by the notifier and the API. */
  public SilenceStore silences() {
    return silences;
  }

  /** The Kafka clients of the pipeline's cluster. */
  public KafkaClients clients() {
    return clients;
  }

  /** The loaded rules. */
  public RuleSet rules() {
    return rules;
  }

  /** What {@code /health/ready} checks: every part started so far. */
  public List<ReadinessCheck> readiness() {
    return List.copyOf(readiness);
  }

  /** Closes every part in reverse start order. */
  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("error while stopping {}: {}", part.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
