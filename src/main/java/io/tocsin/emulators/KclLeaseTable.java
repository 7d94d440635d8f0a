package io.tocsin.emulators;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.kinesis.common.HashKeyRangeForLease;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.LeaseSerializer;
import software.amazon.kinesis.leases.MultiStreamLease;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseSerializer;
import software.amazon.kinesis.leases.dynamodb.DynamoDBMultiStreamLeaseSerializer;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/**
 * Prepares a KCL 3 lease table on dynalite, for local mode and tests only (real DynamoDB needs none
 * of this). dynalite cannot add the {@code LeaseOwnerToLeaseKeyIndex} the KCL adds to an existing
 * table, so the table is created with it; and leases are seeded (one per shard, at TRIM_HORIZON)
 * because on an empty table the KCL waits a random 1 to 30 s before its first shard sync.
 *
 * <p>Lease keys follow the mode the Kinesis source picks: one stream, the shard id; several
 * streams, {@code account:stream:creationEpoch:shardId}. Existing leases are never overwritten, so
 * checkpoints survive a restart.
 */
public final class KclLeaseTable {

  /** The index KCL 3 queries by lease owner. */
  static final String OWNER_INDEX = "LeaseOwnerToLeaseKeyIndex";

  private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(30);

  private final DynamoDbClient dynamo;
  private final String table;
  private final DynamoDBLeaseSerializer serializer = new DynamoDBLeaseSerializer();
  private final LeaseSerializer multiStreamSerializer = new DynamoDBMultiStreamLeaseSerializer();

  /** The lease table {@code table} reached through {@code dynamo}. */
  public KclLeaseTable(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** Creates the table with the lease-owner index unless it exists, and waits until ACTIVE. */
  public void create() {
    try {
      dynamo.createTable(
          b ->
              b.tableName(table)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .keySchema(serializer.getKeySchema())
                  .attributeDefinitions(attributes())
                  .globalSecondaryIndexes(
                      GlobalSecondaryIndex.builder()
                          .indexName(OWNER_INDEX)
                          .keySchema(serializer.getWorkerIdToLeaseKeyIndexKeySchema())
                          .projection(
                              Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                          .build()));
    } catch (ResourceInUseException exists) {
      // created before: keep it and its leases
    }
    Waits.until(
        "lease table " + table + " becoming ACTIVE",
        ACTIVE_TIMEOUT,
        () ->
            dynamo.describeTable(b -> b.tableName(table)).table().tableStatus()
                == TableStatus.ACTIVE);
  }

  /**
   * Adds a TRIM_HORIZON lease for every shard of {@code streams} that has none, keyed as the
   * Kinesis source keys them for this many streams. Returns how many leases it added.
   */
  public int seed(KinesisClient kinesis, List<String> streams) {
    int added = 0;
    for (String stream : streams) {
      StreamDescriptionSummary summary =
          kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary();
      String multiStreamId =
          summary.streamARN().split(":")[4]
              + ":"
              + stream
              + ":"
              + summary.streamCreationTimestamp().getEpochSecond();
      for (Shard shard : shards(kinesis, stream)) {
        Lease lease = streams.size() == 1 ? new Lease() : multiStreamLease(multiStreamId, shard);
        if (streams.size() == 1) {
          lease.leaseKey(shard.shardId());
        }
        lease.checkpoint(ExtendedSequenceNumber.TRIM_HORIZON);
        lease.leaseCounter(0L);
        lease.ownerSwitchesSinceCheckpoint(0L);
        lease.parentShardIds(parents(shard));
        lease.hashKeyRange(HashKeyRangeForLease.fromHashKeyRange(shard.hashKeyRange()));
        LeaseSerializer writer = streams.size() == 1 ? serializer : multiStreamSerializer;
        added += put(writer.toDynamoRecord(lease)) ? 1 : 0;
      }
    }
    return added;
  }

  /** The lease items as the KCL stores them, e.g. to see which worker owns which shard. */
  public List<Map<String, AttributeValue>> leases() {
    return dynamo.scan(b -> b.tableName(table).consistentRead(true)).items();
  }

  private boolean put(Map<String, AttributeValue> item) {
    try {
      dynamo.putItem(
          b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(leaseKey)"));
      return true;
    } catch (ConditionalCheckFailedException exists) {
      return false;
    }
  }

  private static MultiStreamLease multiStreamLease(String streamId, Shard shard) {
    MultiStreamLease lease = new MultiStreamLease();
    lease.streamIdentifier(streamId);
    lease.shardId(shard.shardId());
    lease.leaseKey(MultiStreamLease.getLeaseKey(streamId, shard.shardId()));
    return lease;
  }

  private static List<Shard> shards(KinesisClient kinesis, String stream) {
    List<Shard> shards = new ArrayList<>();
    ListShardsResponse page = kinesis.listShards(b -> b.streamName(stream));
    shards.addAll(page.shards());
    while (page.nextToken() != null) {
      String token = page.nextToken();
      page = kinesis.listShards(b -> b.nextToken(token));
      shards.addAll(page.shards());
    }
    return shards;
  }

  private static List<String> parents(Shard shard) {
    List<String> parents = new ArrayList<>();
    if (shard.parentShardId() != null) {
      parents.add(shard.parentShardId());
    }
    if (shard.adjacentParentShardId() != null) {
      parents.add(shard.adjacentParentShardId());
    }
    return parents;
  }

  private List<AttributeDefinition> attributes() {
    List<AttributeDefinition> all = new ArrayList<>(serializer.getAttributeDefinitions());
    all.addAll(serializer.getWorkerIdToLeaseKeyIndexAttributeDefinitions());
    return all.stream().distinct().toList();
  }
}
