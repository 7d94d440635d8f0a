package io.tocsin.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.router.ParsedEndpoint;
import io.tocsin.config.ApiSettings;
import io.tocsin.model.Json;
import io.tocsin.store.SeriesFigures;
import io.tocsin.testing.InMemorySilenceStore;
import io.tocsin.testing.RealAlerts;
import io.tocsin.testing.RunningApi;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenApiTest {

  private static JsonNode doc;
  private static Set<String> routes;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in =
        OpenApiTest.class.getClassLoader().getResourceAsStream("api/openapi.json")) {
      doc = Json.MAPPER.readTree(in);
    }
    ApiServer server =
        new ApiServer(
                ApiSettings.defaults().withAddress("127.0.0.1", 0),
                RunningApi.TOKEN,
                null,
                null,
                new InMemorySilenceStore(),
                RealAlerts.rules())
            .withDeployments(null)
            .withFigures(SeriesFigures.NONE, SeriesFigures.NONE);
    routes =
        server.javalin().unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
            .map(ParsedEndpoint::getEndpoint)
            .filter(e -> e.getMethod().isHttpMethod())
            .map(e -> e.getMethod().name() + " " + e.getPath())
            .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> documented() {
    Set<String> operations = new TreeSet<>();
    doc.path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method ->
                            operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
    return operations;
  }

  private static Set<String> queryParameters(String path) {
    return StreamSupport.stream(
            doc.path("paths").path(path).path("get").path("parameters").spliterator(), false)
        .filter(p -> p.path("in").asText().equals("query"))
        .map(p -> p.path("name").asText())
        .collect(Collectors.toSet());
  }

  @Test
  void shouldDocumentEveryRouteAndNoOther() {
    assertThat(routes).hasSize(16);
    assertThat(documented()).isEqualTo(routes);
  }

  @Test
  void shouldDocumentExactlyTheQueryParametersTheApiAccepts() {
    assertThat(queryParameters("/api/alerts")).isEqualTo(AlertRoutes.LIST_PARAMS);
    assertThat(queryParameters("/api/counts")).isEqualTo(AlertRoutes.COUNT_PARAMS);
    assertThat(queryParameters("/api/deployments")).isEqualTo(DeploymentRoutes.LIST_PARAMS);
    assertThat(queryParameters("/api/silences")).containsExactly("expired");
    assertThat(queryParameters("/api/alerts/{fingerprint}/series"))
        .containsExactlyInAnyOrder("from", "to");
  }

  @Test
  void shouldDescribeAResponseForEveryOperationAndResolveEveryReference() {
    Set<String> refs = new HashSet<>();
    collectRefs(doc, refs);
    for (String ref : refs) {
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
    doc.path("paths")
        .forEach(
            item ->
                item.forEach(
                    op ->
                        assertThat(op.path("responses").size())
                            .as(op.path("operationId").asText())
                            .isPositive()));
  }

  private static void collectRefs(JsonNode node, Set<String> refs) {
    if (node.isObject() && node.has("$ref")) {
      refs.add(node.get("$ref").asText());
    }
    node.forEach(child -> collectRefs(child, refs));
  }
}
