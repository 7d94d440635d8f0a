package io.tocsin.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

/** The shipped logback.xml, local mode over it, and JSON lines, on a fresh Logback context. */
class LogSetupTest {

  /** Kafka client warnings an operator of a real cluster needs (retries, metadata, rebalances). */
  private static final List<String> KAFKA_CLIENT_LOGGERS =
      List.of(
          "org.apache.kafka.clients.NetworkClient",
          "org.apache.kafka.clients.admin.KafkaAdminClient",
          "org.apache.kafka.streams.processor.internals.StreamThread");

  private LoggerContext context;

  @BeforeEach
  void configureFromTheShippedFile() throws Exception {
    context = new LoggerContext();
    context.setMDCAdapter(MDC.getMDCAdapter()); // the adapter MDC.put writes to
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LogSetupTest.class.getResource("/logback.xml"));
  }

  @Test
  void shouldKeepKafkaClientWarningsInProduction() {
    for (String name : KAFKA_CLIENT_LOGGERS) {
      assertThat(context.getLogger(name).isEnabledFor(Level.WARN)).as(name).isTrue();
    }
    assertThat(context.getLogger("org.apache.kafka.clients.consumer.KafkaConsumer").isInfoEnabled())
        .as("Kafka's INFO chatter stays off")
        .isFalse();
  }

  @Test
  void shouldQuietTheInProcessBrokersKnownWarningsOnlyInLocalMode() {
    LogSetup.useLocalMode(context);

    for (String name : KAFKA_CLIENT_LOGGERS) {
      assertThat(context.getLogger(name).isEnabledFor(Level.WARN)).as(name).isFalse();
      assertThat(context.getLogger(name).isEnabledFor(Level.ERROR)).as(name).isTrue();
    }
    assertThat(context.getLogger("org.apache.kafka.clients.producer.KafkaProducer").isWarnEnabled())
        .as("everything else keeps its warnings")
        .isTrue();
    assertThat(context.getLogger("io.tocsin.app").isInfoEnabled()).isTrue();
  }

  @Test
  void shouldWriteOneJsonObjectPerLineWithContextAndStackTrace() throws Exception {
    LogSetup.useJson(context);
    Logger log = context.getLogger("io.tocsin.ingest.kinesis.IngestRecordProcessor");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      MDC.put("shardId", "shardId-000000000001");
      log.warn("publish failed for {} records; retrying", 12, new IllegalStateException("boom"));
      MDC.clear();
      log.info("caught up\nafter a restart");
    } finally {
      System.setErr(stderr);
    }

    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2);
    ObjectMapper mapper = new ObjectMapper();
    JsonNode warn = mapper.readTree(lines.get(0));
    assertThat(warn.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(warn.path("level").asText()).isEqualTo("WARN");
    assertThat(warn.path("logger").asText()).endsWith("IngestRecordProcessor");
    assertThat(warn.path("thread").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(warn.path("message").asText()).isEqualTo("publish failed for 12 records; retrying");
    assertThat(warn.path("mdc").path("shardId").asText()).isEqualTo("shardId-000000000001");
    assertThat(warn.path("stack_trace").asText())
        .startsWith("java.lang.IllegalStateException: boom")
        .contains("at io.tocsin.app.ops.LogSetupTest.");
    JsonNode info = mapper.readTree(lines.get(1));
    assertThat(info.path("message").asText()).isEqualTo("caught up\nafter a restart");
    assertThat(info.has("mdc")).as("no MDC, no mdc member").isFalse();
    assertThat(info.has("stack_trace")).isFalse();
  }
}
