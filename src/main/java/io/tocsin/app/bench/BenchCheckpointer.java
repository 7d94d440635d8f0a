package io.tocsin.app.bench;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * The KCL checkpointer the ingest-hop bench hands the record processor: it remembers the last
 * sequence number checkpointed, so the bench can check that every batch was acknowledged. Only the
 * {@code checkpoint(sequenceNumber, subSequenceNumber)} call tocsin's processor makes is supported.
 */
final class BenchCheckpointer {

  private volatile String lastSequenceNumber = "";

  /** The last sequence number checkpointed; empty before the first. */
  String lastSequenceNumber() {
    return lastSequenceNumber;
  }

  /** A {@link RecordProcessorCheckpointer} that records into this one. */
  RecordProcessorCheckpointer proxy() {
    return (RecordProcessorCheckpointer)
        Proxy.newProxyInstance(
            RecordProcessorCheckpointer.class.getClassLoader(),
            new Class<?>[] {RecordProcessorCheckpointer.class},
            (proxy, method, args) -> invoke(proxy, method, args));
  }

  private Object invoke(Object proxy, Method method, Object[] args) {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        default -> "bench checkpointer at " + lastSequenceNumber;
      };
    }
    if (method.getName().equals("checkpoint")
        && args != null
        && args.length == 2
        && args[0] instanceof String sequenceNumber) {
      lastSequenceNumber = sequenceNumber;
      return null;
    }
    throw new UnsupportedOperationException(
        "the bench checkpointer supports only checkpoint(sequenceNumber, subSequenceNumber), not "
            + method);
  }
}
