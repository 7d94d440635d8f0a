package io.tocsin.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tocsin.config.ApiSettings;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.testing.RealAlerts;
import io.tocsin.testing.RunningApi;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /api/rules/errors}: the refused rules of the loaded files, structured and placed. */
class RuleErrorsApiTest {

  private static final Path REFUSED =
      Path.of("src/test/resources/sigma/sigmahq/unsupported/aws_ses_messaging_enabled.yml");

  @Test
  void shouldListTheRefusedRulesWithFileLineColumnRuleAndMessage() throws Exception {
    RuleSet rules =
        RuleLoader.load(List.of(Path.of("src/test/resources/alerts/rules"), REFUSED), false);
    try (RunningApi api =
        new RunningApi(
            ApiSettings.defaults().withAddress("127.0.0.1", 0),
            RealAlerts.from(RealAlerts.T0),
            rules)) {
      HttpResponse<String> response = api.get("/api/rules/errors");

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode errors = RunningApi.parse(response.body()).path("errors");
      assertThat(errors).hasSize(1);
      JsonNode error = errors.get(0);
      assertThat(error.path("file").asText()).isEqualTo(REFUSED.toString());
      assertThat(error.path("line").asInt()).isEqualTo(16);
      assertThat(error.path("column").asInt()).isEqualTo(1);
      assertThat(error.path("ruleId").asText())
          .startsWith("sigma 'Potential AWS Cloud Email Service Abuse'");
      assertThat(error.path("message").asText())
          .startsWith("refused: timeframe without an aggregation");
    }
  }

  @Test
  void shouldAnswerAnEmptyListWhenEveryRuleRuns() throws Exception {
    try (RunningApi api = new RunningApi()) {
      HttpResponse<String> response = api.get("/api/rules/errors");

      assertThat(RunningApi.parse(response.body()).path("errors")).isEmpty();
    }
  }
}
