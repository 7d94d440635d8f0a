package io.tocsin.docs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.tocsin.topics.JsonValueSerde;
import io.tocsin.topics.Topic;
import io.tocsin.topics.Topics;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

/** Renders topology-docs/topics.md: every topic of the registry with its key and value shape. */
final class TopicsDoc {

  private TopicsDoc() {}

  static String render() {
    List<String> lines = new ArrayList<>();
    lines.add("# Topics");
    lines.add("");
    lines.add(
        "Generated from `io.tocsin.topics.Topics` by `TopologyDocsTest`; do not edit by hand.");
    lines.add(
        "Values are JSON (ISO-8601 instants, absent fields omitted); keys are UTF-8 strings.");
    lines.add("The alert value is specified in full by [alert.schema.json](alert.schema.json),");
    lines.add("the deployment value by [deployment.schema.json](deployment.schema.json).");
    for (Topic<?, ?> topic : Topics.ALL) {
      lines.add("");
      lines.add("## `" + topic.name() + "`");
      lines.add("");
      lines.add("- key: " + keyType(topic.keySerde()));
      if (topic.valueSerde() instanceof JsonValueSerde<?> json) {
        Class<?> type = json.type();
        lines.add("- value: JSON of `" + type.getName() + "`");
        lines.add("");
        lines.add("| field | type |");
        lines.add("|---|---|");
        fields(type, "", lines);
      } else {
        lines.add("- value: " + topic.valueSerde().getClass().getSimpleName());
      }
    }
    return String.join("\n", lines) + "\n";
  }

  /**
   * The key's type as the serde names it; any serde writing with Kafka's String serializer: String.
   */
  private static String keyType(Serde<?> serde) {
    return serde.serializer() instanceof StringSerializer
        ? "String"
        : serde.getClass().getSimpleName().replace("Serde", "");
  }

  private static void fields(Class<?> type, String prefix, List<String> lines) {
    for (RecordComponent c : type.getRecordComponents()) {
      if (c.getAccessor().isAnnotationPresent(JsonIgnore.class)) {
        continue; // not on the wire
      }
      String name = prefix + c.getName();
      lines.add("| `" + name + "` | " + describe(c.getGenericType()) + " |");
      if (c.getType().isRecord() && c.getType().getName().startsWith("io.tocsin")) {
        fields(c.getType(), name + ".", lines);
      }
    }
  }

  private static String describe(Type type) {
    if (type instanceof ParameterizedType p) {
      List<String> args = new ArrayList<>();
      for (Type arg : p.getActualTypeArguments()) {
        args.add(describe(arg));
      }
      return ((Class<?>) p.getRawType()).getSimpleName()
          + "&lt;"
          + String.join(", ", args)
          + "&gt;";
    }
    Class<?> c = (Class<?>) type;
    if (c.isEnum()) {
      List<String> values = new ArrayList<>();
      for (Object constant : c.getEnumConstants()) {
        values.add(constant.toString().toLowerCase(java.util.Locale.ROOT));
      }
      return "one of " + String.join(", ", values);
    }
    return c.isArray() ? "base64 bytes" : c.getSimpleName();
  }
}
