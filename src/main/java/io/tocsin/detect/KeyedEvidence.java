package io.tocsin.detect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.Json;
import io.tocsin.rules.KeyedCondition;
import java.time.Instant;
import java.util.Map;

/**
 * What a keyed rule's alert says about why it fired, in its context ({@code sequence}, {@code
 * distinct}).
 */
final class KeyedEvidence {

  private KeyedEvidence() {}

  /** {@code match} with the sequence that completed: the first rule, its event and its time. */
  static Match sequence(
      Match match, KeyedCondition spec, String actor, Map.Entry<String, Long> step) {
    ObjectNode context = contextOf(match);
    ObjectNode found = context.putObject("sequence");
    found.put("after", spec.after().rule());
    found.put("afterEventId", step.getKey());
    found.put("afterTime", Instant.ofEpochMilli(step.getValue()).toString());
    found.put("within", spec.after().within().toString());
    found.put("same", spec.keyName());
    found.put("actor", actor);
    return match.withContext(context);
  }

  /** {@code match} with the distinct values counted: how many, which, from when to when. */
  static Match distinct(Match match, KeyedCondition spec, String actor, KeyedState counted) {
    ObjectNode context = contextOf(match);
    ObjectNode found = context.putObject("distinct");
    found.put("per", spec.keyName());
    found.put("actor", actor);
    found.put("count", counted.times().size());
    ArrayNode values = found.putArray("values");
    counted.valuesByTime().forEach(values::add);
    long from = counted.times().values().stream().mapToLong(Long::longValue).min().orElse(0);
    found.put("from", Instant.ofEpochMilli(from).toString());
    found.put("to", Instant.ofEpochMilli(counted.newest()).toString());
    found.put("window", spec.distinct().window().toString());
    return match.withContext(context);
  }

  private static ObjectNode contextOf(Match match) {
    return match.context() instanceof ObjectNode node
        ? node.deepCopy()
        : Json.MAPPER.createObjectNode();
  }
}
