package io.tocsin.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.tocsin.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The published deployment schema (topology-docs/deployment.schema.json) matches the record. */
class DeploymentSchemaTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  static JsonSchema schema() throws IOException {
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (InputStream in = Files.newInputStream(Path.of("topology-docs/deployment.schema.json"))) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    }
  }

  static Deployment judged() {
    Deployment.Window before =
        new Deployment.Window(T0.minusSeconds(3600), T0, 180_000, 1_800, 0.01, 0, 0.0, 412.0);
    Deployment.Window after =
        new Deployment.Window(T0, T0.plusSeconds(60), 3_000, 300, 0.1, 0, 0.0, 430.0);
    return new Deployment(
            Deployment.SCHEMA_VERSION,
            "lambda:123456789012:eu-west-1:orders-api:42",
            Deployment.Kind.LAMBDA,
            "PublishVersion",
            "orders-api",
            List.of(
                new Deployment.Target(
                    "AWS::Lambda::Function",
                    "orders-api",
                    "arn:aws:lambda:eu-west-1:123456789012:function:orders-api")),
            "42",
            "mB0Kq0m2yq1bX4vZ8s3Jp0lR7cVd9eFgHiJkLmNoPqU=",
            new Deployment.Actor("arn:aws:iam::123456789012:user/alice", "alice"),
            null,
            "123456789012",
            "eu-west-1",
            T0,
            "6a1c3f1e-1111-2222-3333-444455556666",
            Deployment.Outcome.of(Deployment.OutcomeStatus.SUCCEEDED),
            List.of("/aws/lambda/orders-api"),
            null,
            T0)
        .withVerdict(
            Deployment.Verdict.of(
                Deployment.VerdictStatus.REGRESSION,
                T0,
                T0.plusSeconds(60),
                before,
                after,
                "one-sided binomial",
                "a1"),
            T0.plusSeconds(60));
  }

  private static Set<ValidationMessage> validate(Deployment deployment) throws IOException {
    byte[] bytes =
        Topics.DEPLOYMENTS
            .valueSerde()
            .serializer()
            .serialize(Topics.DEPLOYMENTS.name(), deployment);
    return schema().validate(Json.MAPPER.readTree(bytes));
  }

  @Test
  void shouldAcceptADeploymentWithItsVerdictAndReadItBackUnchanged() throws IOException {
    Deployment deployment = judged();
    assertThat(validate(deployment)).isEmpty();
    byte[] bytes = Topics.DEPLOYMENTS.valueSerde().serializer().serialize("t", deployment);
    assertThat(Topics.DEPLOYMENTS.valueSerde().deserializer().deserialize("t", bytes))
        .isEqualTo(deployment);
    assertThat(Json.MAPPER.readTree(bytes).path("verdict").path("status").asText())
        .isEqualTo("regression");
  }

  @Test
  void shouldCarryTheDeployInAnAlertContextAndSayItInOnePhrase() {
    Deployment deployment = judged();
    DeployContext deploy = DeployContext.of(deployment, T0.plusSeconds(90));
    assertThat(deploy.phrase()).isEqualTo("started 90 s after deploy 42 of orders-api by alice");
    ObjectNode context = Json.MAPPER.createObjectNode().put("eventName", "Invoke");
    ObjectNode enriched = deploy.into(context);
    assertThat(enriched.path("eventName").asText()).isEqualTo("Invoke");
    assertThat(context.has("deploy")).as("the original is not changed").isFalse();
    assertThat(DeployContext.in(enriched)).isEqualTo(deploy);
    assertThat(DeployContext.in(context)).isNull();
  }

  @Test
  void shouldRejectADeploymentWithoutIdOrWithAnUnknownKind() throws IOException {
    ObjectNode node = Json.MAPPER.valueToTree(judged());
    node.remove("id");
    node.put("kind", "helm");
    assertThat(schema().validate(node))
        .extracting(ValidationMessage::getMessage)
        .anyMatch(m -> m.contains("id"))
        .anyMatch(m -> m.contains("kind"));
  }
}
