package io.tocsin.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The tocsin chart rendered offline by helm-java's embedded Helm ({@code helm template}), parsed
 * into one JSON tree per Kubernetes object.
 *
 * @param objects every rendered object, in output order
 */
record RenderedChart(List<JsonNode> objects) {

  /** The chart under test. */
  static final Path CHART = Path.of("helm/tocsin");

  /** Release name used for every render; the full name of the objects is the same. */
  static final String RELEASE = "tocsin";

  /** Namespace used for every render. */
  static final String NAMESPACE = "alerts";

  private static final YAMLMapper YAML = new YAMLMapper();

  /** Renders with the chart's default values. */
  static RenderedChart withDefaults() {
    return render(t -> t);
  }

  /** Renders with a values file on top of the defaults. */
  static RenderedChart withValuesFile(Path values) {
    return render(t -> t.withValuesFile(values));
  }

  /** Renders with {@code --set key=value} overrides. */
  static RenderedChart withSet(Map<String, Object> values) {
    return render(
        t -> {
          values.forEach(t::set);
          return t;
        });
  }

  /** Renders, letting {@code options} add values; Helm errors surface as exceptions. */
  static RenderedChart render(UnaryOperator<TemplateCommand> options) {
    TemplateCommand command = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
    return parse(options.apply(command).call());
  }

  /**
   * The NOTES.txt an install with {@code values} would print ({@code helm install --dry-run}
   * client-only: no cluster needed; {@code helm template} does not render NOTES).
   */
  static String notes(Map<String, Object> values) {
    InstallCommand install =
        new Helm(CHART).install().withName(RELEASE).withNamespace(NAMESPACE).clientOnly().dryRun();
    values.forEach(install::set);
    String output = install.call().getOutput();
    int notes = output.indexOf("NOTES:");
    return notes < 0 ? "" : output.substring(notes);
  }

  /** Parses multi-document YAML, dropping empty documents. */
  static RenderedChart parse(String manifests) {
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(manifests)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && doc.isObject() && doc.has("kind")) {
          objects.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("rendered chart is not valid YAML:\n" + manifests, e);
    }
    return new RenderedChart(List.copyOf(objects));
  }

  /** All objects of a kind. */
  List<JsonNode> all(String kind) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
  }

  /** The one object of {@code kind} named {@code name}; fails if there is none. */
  JsonNode get(String kind, String name) {
    return all(kind).stream()
        .filter(o -> o.path("metadata").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError("no " + kind + " named " + name + " among " + kindsAndNames()));
  }

  /** The StatefulSet. */
  JsonNode statefulSet() {
    return get("StatefulSet", RELEASE);
  }

  /** The pod template's spec. */
  JsonNode podSpec() {
    return statefulSet().path("spec").path("template").path("spec");
  }

  /** The tocsin container. */
  JsonNode container() {
    for (JsonNode c : podSpec().path("containers")) {
      if (c.path("name").asText().equals("tocsin")) {
        return c;
      }
    }
    throw new AssertionError("no container named tocsin");
  }

  /** The container's env entry {@code name}, or a missing node. */
  JsonNode env(String name) {
    for (JsonNode e : container().path("env")) {
      if (e.path("name").asText().equals(name)) {
        return e;
      }
    }
    return MissingNode.getInstance();
  }

  /** The pod volume {@code name}, or a missing node. */
  JsonNode volume(String name) {
    for (JsonNode v : podSpec().path("volumes")) {
      if (v.path("name").asText().equals(name)) {
        return v;
      }
    }
    return MissingNode.getInstance();
  }

  /** The mount path of volume {@code name} in the tocsin container, or empty. */
  String mountPath(String name) {
    for (JsonNode m : container().path("volumeMounts")) {
      if (m.path("name").asText().equals(name)) {
        return m.path("mountPath").asText();
      }
    }
    return "";
  }

  /** config.yaml from the ConfigMap, parsed. */
  JsonNode config() {
    String text = get("ConfigMap", RELEASE).path("data").path("config.yaml").asText();
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("config.yaml is not valid YAML:\n" + text, e);
    }
  }

  private List<String> kindsAndNames() {
    return objects.stream()
        .map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
        .toList();
  }
}
