package io.tocsin.model;

/**
 * Where a record came from, so that a dead letter or an alert sample can be traced back.
 *
 * @param system {@code kinesis}, {@code kafka} or {@code file}
 * @param stream the Kinesis stream name, Kafka topic or file path
 * @param partition the shard id, partition number, or empty for files
 * @param offset the sequence number (with sub-sequence for aggregated records), offset or line
 */
public record SourcePosition(String system, String stream, String partition, String offset) {

  /** A Kinesis record position. */
  public static SourcePosition kinesis(String stream, String shardId, String sequenceNumber) {
    return new SourcePosition("kinesis", stream, shardId, sequenceNumber);
  }

  /** A Kafka record position. */
  public static SourcePosition kafka(String topic, int partition, long offset) {
    return new SourcePosition("kafka", topic, Integer.toString(partition), Long.toString(offset));
  }

  /** A line (1-based) of a file read by replay. */
  public static SourcePosition file(String path, long line) {
    return new SourcePosition("file", path, "", Long.toString(line));
  }

  @Override
  public String toString() {
    return partition.isEmpty()
        ? system + ":" + stream + ":" + offset
        : system + ":" + stream + "/" + partition + "@" + offset;
  }
}
