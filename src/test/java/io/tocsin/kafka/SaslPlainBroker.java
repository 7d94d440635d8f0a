package io.tocsin.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/**
 * An in-process broker with a SASL/PLAIN listener that knows one user, {@value #USER}, and the
 * standard KRaft ACL authorizer with no ACLs (nothing is allowed unless granted), beside the
 * PLAINTEXT listener that the broker itself uses as a super user.
 */
public final class SaslPlainBroker implements AutoCloseable {

  /** The one user of the SASL listener. */
  public static final String USER = "tocsin";

  /** That user's password. */
  public static final String PASSWORD = "right-secret-0123456789";

  private final EmbeddedKafkaBroker broker;
  private final int saslPort;

  private SaslPlainBroker(EmbeddedKafkaBroker broker, int saslPort) {
    this.broker = broker;
    this.saslPort = saslPort;
  }

  /** Starts the broker with its data under {@code dataDir}. */
  public static SaslPlainBroker start(Path dataDir) {
    int plain = freePort();
    int sasl = freePort();
    int controller = freePort();
    Map<String, String> extra =
        Map.of(
            "listeners",
            "PLAINTEXT://127.0.0.1:"
                + plain
                + ",SASL_PLAINTEXT://127.0.0.1:"
                + sasl
                + ",CONTROLLER://127.0.0.1:"
                + controller,
            "advertised.listeners",
            "PLAINTEXT://127.0.0.1:" + plain + ",SASL_PLAINTEXT://127.0.0.1:" + sasl,
            "listener.security.protocol.map",
            "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
            "sasl.enabled.mechanisms",
            "PLAIN",
            "listener.name.sasl_plaintext.plain.sasl.jaas.config",
            "org.apache.kafka.common.security.plain.PlainLoginModule required user_"
                + USER
                + "=\""
                + PASSWORD
                + "\";",
            "authorizer.class.name",
            "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "super.users",
            "User:ANONYMOUS",
            "allow.everyone.if.no.acl.found",
            "false");
    return new SaslPlainBroker(EmbeddedKafkaBroker.start(dataDir, plain, controller, extra), sasl);
  }

  /** {@code 127.0.0.1:port} of the SASL/PLAIN listener. */
  public String saslBootstrapServers() {
    return "127.0.0.1:" + saslPort;
  }

  /** {@code 127.0.0.1:port} of the PLAINTEXT listener, where every client is a super user. */
  public String superUserBootstrapServers() {
    return broker.bootstrapServers();
  }

  /** The client properties that log in as {@value #USER} with {@code password}. */
  public static Map<String, String> clientProperties(String password) {
    return Map.of(
        "security.protocol",
        "SASL_PLAINTEXT",
        "sasl.mechanism",
        "PLAIN",
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + USER
            + "\" password=\""
            + password
            + "\";");
  }

  @Override
  public void close() {
    broker.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
