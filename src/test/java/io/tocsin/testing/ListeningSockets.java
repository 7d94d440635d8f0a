package io.tocsin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process and its descendants listen on, read from {@code /proc} as {@code ss
 * -ltnp} does (Linux only): each socket's local address in the kernel's hex form.
 */
public final class ListeningSockets {

  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  /**
   * One listening socket.
   *
   * @param pid a process holding it
   * @param address its local address as hex digits ({@code 0100007F} is 127.0.0.1)
   * @param port its port
   */
  public record Listener(long pid, String address, int port) {

    /** Whether it accepts connections from this machine only. */
    public boolean loopback() {
      return address.endsWith("7F") && address.length() == 8 // 127.x.x.x, little-endian
          || address.equals("00000000000000000000000001000000") // ::1
          || address.startsWith("0000000000000000FFFF0000")
              && address.endsWith("7F"); // ::ffff:127.x
    }
  }

  /** Every socket {@code pid} or one of its descendants listens on. */
  public static List<Listener> of(long pid) {
    List<Long> pids = new ArrayList<>();
    pids.add(pid);
    ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
    List<String[]> table = new ArrayList<>();
    for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      read(Path.of(file)).stream()
          .skip(1)
          .map(line -> line.trim().split("\\s+"))
          .forEach(table::add);
    }
    List<Listener> listeners = new ArrayList<>();
    for (long p : pids) {
      Set<String> inodes = socketInodes(p);
      for (String[] row : table) {
        if (row[3].equals(LISTEN) && inodes.contains(row[9])) {
          String[] local = row[1].split(":");
          listeners.add(new Listener(p, local[0], Integer.parseInt(local[1], 16)));
        }
      }
    }
    return listeners;
  }

  private static Set<String> socketInodes(long pid) {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      fds.forEach(
          fd -> {
            try {
              String target = Files.readSymbolicLink(fd).toString();
              if (target.startsWith("socket:[")) {
                inodes.add(target.substring(8, target.length() - 1));
              }
            } catch (IOException gone) {
              // the descriptor closed while listing
            }
          });
    } catch (IOException gone) {
      // the process exited
    }
    return inodes;
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
