package io.tocsin.rules;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A test on a whole CloudTrail event that a filter pattern cannot express, evaluated after the
 * rule's pattern matched (a compiled Sigma detection is one). Implementations are stateless and
 * thread-safe.
 */
public interface EventTest {

  /** Whether {@code event} (the CloudTrail record) passes. */
  boolean test(JsonNode event);
}
