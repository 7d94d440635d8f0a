package io.tocsin.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.config.KinesisSettings;
import io.tocsin.testing.ListeningSockets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The emulators start on loopback only, serve, prepare a KCL lease table, stop by PID freeing their
 * ports, and report an exit they were not asked for.
 */
class LocalKinesisIT {

  @Test
  void shouldListenOnLoopbackOnlyAndNameAnEmulatorThatExitsOnItsOwn() throws Exception {
    List<String> exits = new CopyOnWriteArrayList<>();
    try (LocalKinesis local = LocalKinesis.start()) {
      local.onUnexpectedExit(exits::add);
      List<ListeningSockets.Listener> listeners =
          ListeningSockets.of(ProcessHandle.current().pid()).stream()
              .filter(
                  l ->
                      l.port() == local.kinesis().endpoint().getPort()
                          || l.port() == local.kinesis().tlsEndpoint().getPort()
                          || l.port() == local.dynamo().endpoint().getPort())
              .toList();
      assertThat(listeners)
          .extracting(ListeningSockets.Listener::port)
          .doesNotHaveDuplicates()
          .hasSize(3);
      assertThat(listeners)
          .allMatch(ListeningSockets.Listener::loopback, "listens on 127.0.0.1 only");

      ProcessHandle kinesis =
          ProcessHandle.of(
                  listeners.stream()
                      .filter(l -> l.port() == local.kinesis().endpoint().getPort())
                      .findFirst()
                      .orElseThrow()
                      .pid())
              .orElseThrow();
      kinesis.destroyForcibly();
      kinesis.onExit().get(10, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (exits.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(exits)
          .containsExactly("kinesis-local (pid " + kinesis.pid() + ") exited with status 137");
    }
    assertThat(exits).as("a stop that was asked for is not reported").hasSize(1);
  }

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
