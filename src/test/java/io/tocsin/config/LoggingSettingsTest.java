package io.tocsin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggingSettingsTest {

  @TempDir Path dir;

  @Test
  void shouldDefaultToTextLines() {
    assertThat(ConfigLoader.load(null, Map.of()).logging().json()).isFalse();
  }

  @Test
  void shouldSwitchToJsonFromTheFileOrTheEnvironment() throws IOException {
    Path file = Files.writeString(dir.resolve("tocsin.yaml"), "logging:\n  format: json\n");
    assertThat(ConfigLoader.load(file, Map.of()).logging().json()).isTrue();
    assertThat(ConfigLoader.load(null, Map.of("TOCSIN_LOGGING__FORMAT", "json")).logging().json())
        .isTrue();
  }

  @Test
  void shouldRejectAnUnknownFormatNamingFileLineAndKey() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("tocsin.yaml"), "api:\n  port: 8080\nlogging:\n  format: xml\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tocsin.yaml:4")
        .hasMessageContaining("logging.format")
        .hasMessageContaining("expected text or json, got 'xml'");
  }
}
