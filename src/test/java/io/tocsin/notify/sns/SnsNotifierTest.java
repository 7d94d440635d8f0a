package io.tocsin.notify.sns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.tocsin.notify.AlertBuilder.alert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tocsin.config.RetrySettings;
import io.tocsin.config.SnsSettings;
import io.tocsin.model.Json;
import io.tocsin.notify.DeliveryResult;
import io.tocsin.notify.Notification;
import io.tocsin.notify.NotifyMetrics;
import io.tocsin.notify.RecordingRecorder;
import io.tocsin.notify.TestClock;
import io.tocsin.notify.retry.RetryingDelivery;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SnsNotifierTest {

  private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:alerts";
  private static final String FIFO = "arn:aws:sns:eu-west-1:123456789012:alerts.fifo";
  private static final String OK =
      "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
          + "<MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1"
          + "</RequestId></ResponseMetadata></PublishResponse>";

  @RegisterExtension
  static WireMockExtension sns =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  private SnsNotifier notifier;

  private SnsNotifier notifier(String arn) {
    notifier =
        SnsNotifier.create(new SnsSettings(arn, null, sns.baseUrl(), true, Duration.ofSeconds(30)));
    return notifier;
  }

  @AfterEach
  void close() {
    if (notifier != null) {
      notifier.close();
    }
  }

  private static void reply(int status, String body) {
    sns.stubFor(post("/").willReturn(aResponse().withStatus(status).withBody(body)));
  }

  private static String error(String type, String code, String message) {
    return "<ErrorResponse><Error><Type>"
        + type
        + "</Type><Code>"
        + code
        + "</Code><Message>"
        + message
        + "</Message></Error><RequestId>r-2</RequestId></ErrorResponse>";
  }

  private static Map<String, String> form(LoggedRequest request) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      String[] kv = pair.split("=", 2);
      params.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return params;
  }

  private static Map<String, String> lastForm() {
    List<LoggedRequest> requests = sns.findAll(postRequestedFor(urlEqualTo("/")));
    return form(requests.get(requests.size() - 1));
  }

  @Test
  void shouldPublishASignedRequestWithAttributesSubscribersCanFilterOn() {
    reply(200, OK);

    DeliveryResult result = notifier(TOPIC).send(Notification.of("team", alert().build()));

    assertThat(result).isEqualTo(DeliveryResult.delivered(200, "m-1"));
    sns.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("Content-Type", matching("application/x-www-form-urlencoded.*"))
            .withHeader(
                "Authorization",
                matching(
                    "AWS4-HMAC-SHA256 Credential=tocsinlocal/\\d{8}/eu-west-1/sns/aws4_request, "
                        + "SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}"))
            .withHeader("X-Amz-Date", matching("\\d{8}T\\d{6}Z"))
            .withFormParam("Action", equalTo("Publish"))
            .withFormParam("Version", equalTo("2010-03-31"))
            .withFormParam("TopicArn", equalTo(TOPIC))
            .withFormParam("Subject", equalTo("[FIRING] HIGH: Lambda errors - orders"))
            .withFormParam("MessageStructure", equalTo("json"))
            .withFormParam("MessageAttributes.entry.1.Name", equalTo("severity"))
            .withFormParam("MessageAttributes.entry.1.Value.DataType", equalTo("String"))
            .withFormParam("MessageAttributes.entry.1.Value.StringValue", equalTo("high"))
            .withFormParam("MessageAttributes.entry.2.Name", equalTo("rule"))
            .withFormParam("MessageAttributes.entry.2.Value.StringValue", equalTo("lambda-errors"))
            .withFormParam("MessageAttributes.entry.3.Name", equalTo("account"))
            .withFormParam("MessageAttributes.entry.3.Value.StringValue", equalTo("123456789012"))
            .withFormParam("MessageAttributes.entry.4.Name", equalTo("status"))
            .withFormParam("MessageAttributes.entry.4.Value.StringValue", equalTo("firing")));
    assertThat(lastForm()).doesNotContainKeys("MessageGroupId", "MessageDeduplicationId");
  }

  @Test
  void shouldCarryTheAlertJsonByDefaultAndReadableTextForEmail() throws Exception {
    reply(200, OK);

    notifier(TOPIC).send(Notification.of("team", alert().build()));

    JsonNode structure = Json.MAPPER.readTree(lastForm().get("Message"));
    assertThat(structure.fieldNames()).toIterable().containsExactly("default", "email");
    JsonNode body = Json.MAPPER.readTree(structure.get("default").asText());
    assertThat(body.get("notification").asText()).isEqualTo("trigger");
    assertThat(body.get("receiver").asText()).isEqualTo("team");
    assertThat(body.at("/alert/id").asText()).isEqualTo("fp-orders-firing");
    assertThat(body.at("/alert/rule/severity").asText()).isEqualTo("high");
    assertThat(structure.get("email").asText())
        .startsWith("[FIRING] Lambda errors — orders\n\nSeverity: high\nRule:     lambda-errors")
        .contains("Log group: /aws/lambda/orders")
        .contains("Runbook: https://runbooks.example.com/lambda")
        .endsWith("Alert fp-orders-firing, fingerprint fp-orders");
  }

  @Test
  void shouldGroupByFingerprintAndDeduplicateByAlertIdOnAFifoTopic() {
    sns.stubFor(
        post("/")
            .willReturn(
                aResponse()
                    .withBody(
                        OK.replace(
                            "</MessageId>", "</MessageId><SequenceNumber>1</SequenceNumber>"))));

    notifier(FIFO).send(Notification.of("team", alert().resolved().build()));

    sns.verify(
        postRequestedFor(urlEqualTo("/"))
            .withFormParam("TopicArn", equalTo(FIFO))
            .withFormParam("MessageGroupId", equalTo("fp-orders"))
            .withFormParam("MessageDeduplicationId", equalTo("fp-orders-resolved"))
            .withFormParam("Subject", equalTo("[RESOLVED] HIGH: Lambda errors - orders")));
  }

  @Test
  void shouldKeepTheSubjectTo100PrintableAsciiCharacters() {
    reply(200, OK);

    notifier(TOPIC)
        .send(Notification.of("team", alert().title("Café “naïve” \n" + "é".repeat(300)).build()));

    String subject = lastForm().get("Subject");
    assertThat(subject)
        .hasSize(100)
        .matches("[\\x20-\\x7e]+")
        .startsWith("[FIRING] HIGH: Cafe \"naive\" e");
  }

  @Test
  void shouldKeepTheMessageUnderTheSnsLimit() throws Exception {
    reply(200, OK);
    List<String> samples = Collections.nCopies(5, "x".repeat(100_000));

    notifier(TOPIC).send(Notification.of("team", alert().samples(samples).build()));

    String message = lastForm().get("Message");
    assertThat(message.getBytes(StandardCharsets.UTF_8).length).isLessThan(256 * 1024);
    JsonNode body = Json.MAPPER.readTree(Json.MAPPER.readTree(message).get("default").asText());
    assertThat(body.at("/alert/samples/0").asText()).hasSize(1000);
  }

  @Test
  void shouldTreatAReplyWithoutMessageIdAsAFailedDelivery() {
    reply(200, "<PublishResponse></PublishResponse>");

    DeliveryResult result = notifier(TOPIC).send(Notification.of("team", alert().build()));

    assertThat(result).isEqualTo(DeliveryResult.retryable(200, "reply carried no MessageId", null));
  }

  @Test
  void shouldTreatAMissingTopicAsPermanentAndAServerErrorAsRetryable() {
    reply(404, error("Sender", "NotFound", "Topic does not exist"));
    DeliveryResult missing = notifier(TOPIC).send(Notification.of("team", alert().build()));
    reply(500, error("Receiver", "InternalError", "try later"));
    DeliveryResult internal = notifier.send(Notification.of("team", alert().build()));
    reply(400, error("Sender", "InvalidParameter", "Invalid parameter: Message too long"));
    DeliveryResult invalid = notifier.send(Notification.of("team", alert().build()));

    assertThat(missing).isEqualTo(DeliveryResult.permanent(404, "NotFound: Topic does not exist"));
    assertThat(internal).isEqualTo(DeliveryResult.retryable(500, "InternalError: try later", null));
    assertThat(invalid.kind()).isEqualTo(DeliveryResult.Kind.PERMANENT);
  }

  @Test
  void shouldRetryThrottlingUntilPublished() {
    sns.stubFor(
        post("/")
            .inScenario("throttled")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(error("Sender", "Throttling", "Rate exceeded")))
            .willSetStateTo("throttled-again"));
    sns.stubFor(
        post("/")
            .inScenario("throttled")
            .whenScenarioStateIs("throttled-again")
            .willReturn(
                aResponse().withStatus(429).withBody(error("Sender", "Throttled", "Slow down")))
            .willSetStateTo("ok"));
    sns.stubFor(
        post("/")
            .inScenario("throttled")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withBody(OK)));
    TestClock clock = TestClock.atNewYear();
    RecordingRecorder recorder = new RecordingRecorder();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RetryingDelivery retry =
        new RetryingDelivery(
            new RetrySettings(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5)),
            clock,
            clock::advance,
            new SplittableRandom(5),
            recorder,
            new NotifyMetrics(registry));

    RetryingDelivery.Attempts a =
        retry.deliver(notifier(TOPIC), Notification.of("team", alert().build()), 0);

    assertThat(a.ending()).isEqualTo(RetryingDelivery.Ending.DELIVERED);
    sns.verify(3, postRequestedFor(urlEqualTo("/")));
    assertThat(recorder.receipts)
        .extracting(r -> r.status() + " " + r.error())
        .containsExactly("400 Throttling: Rate exceeded", "429 Throttled: Slow down", "200 null");
    assertThat(registry.get("tocsin.notifications.retried").tag("sink", "sns").counter().count())
        .isEqualTo(2.0);
  }
}
