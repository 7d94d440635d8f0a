package io.tocsin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.tocsin.model.Alert;
import io.tocsin.model.Deployment;
import io.tocsin.model.Json;
import io.tocsin.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks alerts and deployments, as serialized for tocsin.alerts.v1 and tocsin.deployments.v1,
 * against topology-docs/alert.schema.json and deployment.schema.json.
 */
public final class AlertContract {

  private static final JsonSchema SCHEMA = load("topology-docs/alert.schema.json");
  private static final JsonSchema DEPLOYMENT_SCHEMA = load("topology-docs/deployment.schema.json");

  private AlertContract() {}

  /** Fails naming the alert and the violations when one of {@code alerts} breaks the schema. */
  public static void assertValid(List<Alert> alerts) {
    for (Alert alert : alerts) {
      byte[] bytes = Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), alert);
      try {
        assertThat(SCHEMA.validate(Json.MAPPER.readTree(bytes)))
            .as("alert %s of rule %s", alert.id(), alert.rule().id())
            .isEmpty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Fails naming the deployment and the violations when one of {@code deployments} breaks it. */
  public static void assertValidDeployments(List<Deployment> deployments) {
    for (Deployment deployment : deployments) {
      byte[] bytes =
          Topics.DEPLOYMENTS
              .valueSerde()
              .serializer()
              .serialize(Topics.DEPLOYMENTS.name(), deployment);
      try {
        assertThat(DEPLOYMENT_SCHEMA.validate(Json.MAPPER.readTree(bytes)))
            .as("deployment %s", deployment.id())
            .isEmpty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static JsonSchema load(String path) {
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
