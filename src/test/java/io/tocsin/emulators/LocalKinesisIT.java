package io.tocsin.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.KinesisSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The emulators start, serve, prepare a KCL lease table and stop by PID freeing their ports. */
class LocalKinesisIT {

  @Test
  void shouldPrepareLeaseTablesForOneAndForSeveralStreamsAndStopCleanly() {
    URI kinesisEndpoint;
    URI dynamoEndpoint;
    try (LocalKinesis local = LocalKinesis.start()) {
      kinesisEndpoint = local.kinesis().endpoint();
      dynamoEndpoint = local.dynamo().endpoint();
      local.kinesis().createStream("one", 2);
      local.kinesis().createStream("two", 1);

      KinesisSettings single = local.settings("single-app", "w", List.of("one"));
      KclLeaseTable table = local.prepare(single);
      assertThat(table.leases())
          .extracting(l -> l.get("leaseKey").s())
          .containsExactlyInAnyOrder("shardId-000000000000", "shardId-000000000001");
      assertThat(table.leases())
          .allSatisfy(l -> assertThat(l.get("checkpoint").s()).isEqualTo("TRIM_HORIZON"));
      assertThat(table.seed(local.kinesis().client(), single.streams())).isZero();
      assertThat(
              local
                  .dynamo()
                  .client()
                  .describeTable(b -> b.tableName("single-app"))
                  .table()
                  .globalSecondaryIndexes())
          .extracting(i -> i.indexName())
          .containsExactly(KclLeaseTable.OWNER_INDEX);

      KinesisSettings multi = local.settings("multi-app", "w", List.of("one", "two"));
      assertThat(local.prepare(multi).leases())
          .extracting(l -> l.get("leaseKey").s())
          .hasSize(3)
          .allMatch(key -> key.matches("\\d{12}:(one|two):\\d+:shardId-\\d{12}"));
    }
    assertThat(accepting(kinesisEndpoint)).isFalse();
    assertThat(accepting(dynamoEndpoint)).isFalse();
  }

  private static boolean accepting(URI endpoint) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
