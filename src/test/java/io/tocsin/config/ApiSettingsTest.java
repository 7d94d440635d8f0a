package io.tocsin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiSettingsTest {

  /** Reads YAML the way {@link ConfigLoader} does, so the documented shape is what parses. */
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .addModule(new DurationModule())
          .build();

  private static ApiSettings with(String key, Object value) throws Exception {
    Map<String, Object> tree = YAML.convertValue(ApiSettings.defaults(), Map.class);
    tree.put(key, value);
    return YAML.convertValue(tree, ApiSettings.class);
  }

  @Test
  void shouldDefaultToPort8080OnEveryInterfaceWithCorsOffAndThirtyDaysOfHistory() {
    ApiSettings api = ApiSettings.defaults();
    assertThat(api.host()).isEqualTo("0.0.0.0");
    assertThat(api.port()).isEqualTo(8080);
    assertThat(api.tokenEnv()).isEqualTo("TOCSIN_API_TOKEN");
    assertThat(api.corsOrigins()).isEmpty();
    assertThat(api.retention()).isEqualTo(Duration.ofDays(30));
    assertThat(api.defaultPageSize()).isEqualTo(50);
    assertThat(api.maxPageSize()).isEqualTo(500);
    assertThat(api.advertisedHost()).isNotBlank();
  }

  @Test
  void shouldReadTheDocumentedYamlShape() throws Exception {
    ApiSettings api =
        YAML.readValue(
            """
            host: 127.0.0.1
            port: 9090
            advertised_host: 10.0.3.17
            token_env: SOC_API_TOKEN
            cors_origins: [https://soc.example.com]
            retention: 7d
            default_page_size: 25
            max_page_size: 200
            """,
            ApiSettings.class);
    assertThat(api)
        .isEqualTo(
            new ApiSettings(
                "127.0.0.1",
                9090,
                "10.0.3.17",
                "SOC_API_TOKEN",
                List.of("https://soc.example.com"),
                Duration.ofDays(7),
                25,
                200));
  }

  @Test
  void shouldNameTheFieldOfEachBadValue() {
    assertProblem("port", 70000, "port: expected a port from 0 to 65535, got 70000");
    assertProblem(
        "token_env",
        "tocsin-token",
        "token_env: expected an environment variable name such as" + " TOCSIN_API_TOKEN");
    assertProblem(
        "cors_origins",
        List.of("*"),
        "cors_origins.0: expected an origin such as https://soc.example.com, got '*' (list exact"
            + " origins)");
    assertProblem(
        "cors_origins",
        List.of("https://soc.example.com/console"),
        "cors_origins.0: expected an origin such as https://soc.example.com, got"
            + " 'https://soc.example.com/console'");
    assertProblem("retention", "30m", "retention: expected a duration of at least 1h");
    assertProblem(
        "max_page_size", 501, "max_page_size: expected a whole number from 1 to 500, got 501");
    assertProblem(
        "default_page_size",
        600,
        "default_page_size: expected a whole number from 1 to max_page_size (500), got 600");
    assertProblem(
        "advertised_host",
        "host name",
        "advertised_host: expected a host name or IP address," + " got 'host name'");
  }

  private static void assertProblem(String key, Object value, String message) {
    assertThatThrownBy(() -> with(key, value))
        .isInstanceOf(IllegalArgumentException.class)
        .rootCause()
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void shouldReadTheTokenFromTheNamedVariableAndRefuseAShortOne() {
    ApiSettings api = ApiSettings.defaults();
    assertThat(api.token(Map.of("TOCSIN_API_TOKEN", " 0123456789abcdef0123 ")))
        .isEqualTo("0123456789abcdef0123");
    assertThatThrownBy(() -> api.token(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "token_env: environment variable TOCSIN_API_TOKEN is not set; it holds the API token");
    assertThatThrownBy(() -> api.token(Map.of("TOCSIN_API_TOKEN", "secret")))
        .hasMessageContaining("shorter than 16 characters");
  }
}
