package io.tocsin.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A record's JSON as another writer might send it: fields reordered, fields added later. */
final class ShuffledJson {

  private ShuffledJson() {}

  /** The same JSON object with its fields in another order and two fields a newer writer adds. */
  static byte[] withUnknownFields(byte[] json, Random random) {
    try {
      ObjectNode node = (ObjectNode) Json.MAPPER.readTree(json);
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        fields.add(it.next());
      }
      fields.add(Map.entry("addedLater", Json.MAPPER.readTree("{\"a\":[1,{\"b\":null}],\"c\":2}")));
      fields.add(Map.entry("flag", Json.MAPPER.readTree("true")));
      Collections.shuffle(fields, random);
      ObjectNode shuffled = Json.MAPPER.createObjectNode();
      fields.forEach(f -> shuffled.set(f.getKey(), f.getValue()));
      return Json.MAPPER.writeValueAsBytes(shuffled);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
