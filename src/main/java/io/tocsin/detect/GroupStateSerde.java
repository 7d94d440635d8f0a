package io.tocsin.detect;

import io.tocsin.model.Alert;
import io.tocsin.topics.JsonSerde;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The group store's value format: a version byte, then every field of {@link GroupState} in a fixed
 * order, length-prefixed. A group is written once per event it counts, and its up to three samples
 * are whole event texts, so JSON's character-by-character escaping was the detector's largest cost.
 * Reads the JSON of earlier versions too (it starts with '{'), and version 1, written before groups
 * kept their own clock (the clock starts at the newest event time, level with the task's), so a
 * changelog written before restores.
 */
final class GroupStateSerde implements Serde<GroupState> {

  private static final byte VERSION = 2;
  private static final byte VERSION_WITHOUT_CLOCK = 1;
  private static final byte JSON_START = '{';

  private static final EncodedSketches ENCODED_SKETCHES = new EncodedSketches();

  private final JsonSerde<GroupState> json = JsonSerde.of(GroupState.class);

  @Override
  public Serializer<GroupState> serializer() {
    return (topic, group) -> group == null ? null : write(group);
  }

  @Override
  public Deserializer<GroupState> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length > 0 && bytes[0] == JSON_START) {
        return json.deserializer().deserialize(topic, bytes);
      }
      return read(bytes);
    };
  }

  static byte[] write(GroupState g) {
    Out out = new Out(sizeHint(g));
    out.writeByte(VERSION);
    string(out, g.ruleId());
    var(out, g.group() == null ? -1 : g.group().size());
    if (g.group() != null) {
      for (Map.Entry<String, String> e : g.group().entrySet()) {
        string(out, e.getKey());
        string(out, e.getValue());
      }
    }
    resource(out, g.resource());
    series(out, g.series());
    out.writeByte(g.state() == null ? -1 : g.state().ordinal());
    nullableLong(out, g.changedAt());
    nullableLong(out, g.pendingSince());
    var(out, g.startsAt());
    nullableLong(out, g.evaluated());
    var(out, g.lastEventAt());
    var(out, g.late());
    var(out, g.samples() == null ? -1 : g.samples().size());
    if (g.samples() != null) {
      for (String sample : g.samples()) {
        string(out, sample);
      }
    }
    var(out, g.due());
    var(out, g.clock());
    var(out, g.lag());
    return out.toByteArray();
  }

  /** Bytes {@code g} takes at most, give or take multi-byte characters: one buffer, no regrowth. */
  private static int sizeHint(GroupState g) {
    int hint = 256;
    if (g.series() != null && g.series().count() != null) {
      hint += 10 * 2 * g.series().count().length;
      hint += g.series().sketches() == null ? 0 : 64 * g.series().sketches().length;
    }
    if (g.samples() != null) {
      for (String sample : g.samples()) {
        hint += 10 + sample.length();
      }
    }
    return hint;
  }

  static GroupState read(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      byte version = in.get();
      if (version != VERSION && version != VERSION_WITHOUT_CLOCK) {
        throw new IllegalStateException("unknown rate group format " + version);
      }
      String ruleId = string(in);
      Map<String, String> group = null;
      int entries = (int) var(in);
      if (entries >= 0) {
        group = new LinkedHashMap<>();
        for (int i = 0; i < entries; i++) {
          group.put(string(in), string(in));
        }
      }
      Alert.Resource resource = resource(in);
      Series series = series(in);
      byte state = in.get();
      Long changedAt = nullableLong(in);
      Long pendingSince = nullableLong(in);
      long startsAt = var(in);
      Long evaluated = nullableLong(in);
      long lastEventAt = var(in);
      long late = var(in);
      List<String> samples = null;
      int count = (int) var(in);
      if (count >= 0) {
        samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          samples.add(string(in));
        }
        samples = List.copyOf(samples);
      }
      long due = var(in);
      long clock = version == VERSION ? var(in) : lastEventAt;
      long lag = version == VERSION ? var(in) : 0;
      return new GroupState(
          ruleId,
          group,
          resource,
          series,
          state < 0 ? null : GroupState.AlarmState.values()[state],
          changedAt,
          pendingSince,
          startsAt,
          evaluated,
          lastEventAt,
          late,
          samples,
          due,
          clock,
          lag);
    } catch (BufferUnderflowException e) {
      throw new IllegalStateException("a rate group's stored value is truncated", e);
    }
  }

  private static void resource(Out out, Alert.Resource r) {
    out.writeBoolean(r != null);
    if (r != null) {
      string(out, r.account());
      string(out, r.region());
      string(out, r.logGroup());
      string(out, r.eventSource());
      string(out, r.principalArn());
      string(out, r.sourceIp());
      string(out, r.userAgent());
    }
  }

  private static Alert.Resource resource(ByteBuffer in) {
    if (!(in.get() != 0)) {
      return null;
    }
    return new Alert.Resource(
        string(in), string(in), string(in), string(in), string(in), string(in), string(in));
  }

  private static void series(Out out, Series s) {
    out.writeBoolean(s != null);
    if (s == null) {
      return;
    }
    var(out, s.width());
    var(out, s.first());
    longs(out, s.numerator());
    longs(out, s.count());
    doubles(out, s.sum());
    doubles(out, s.min());
    doubles(out, s.max());
    var(out, s.sketches() == null ? -1 : s.sketches().length);
    if (s.sketches() != null) {
      for (Sketch sketch : s.sketches()) {
        out.writeBoolean(sketch != null);
        if (sketch != null) {
          out.write(ENCODED_SKETCHES.of(sketch));
        }
      }
    }
  }

  private static byte[] sketch(Sketch sketch) {
    Out out = new Out(16 + 12 * sketch.bins().length);
    var(out, sketch.bins().length);
    for (int bin : sketch.bins()) {
      var(out, bin);
    }
    longs(out, sketch.counts());
    var(out, sketch.zeros());
    return out.toByteArray();
  }

  private static Series series(ByteBuffer in) {
    if (!(in.get() != 0)) {
      return null;
    }
    long width = var(in);
    long first = var(in);
    long[] numerator = longs(in);
    long[] count = longs(in);
    double[] sum = doubles(in);
    double[] min = doubles(in);
    double[] max = doubles(in);
    Sketch[] sketches = null;
    int n = (int) var(in);
    if (n >= 0) {
      sketches = new Sketch[fits(in, n)];
      for (int i = 0; i < n; i++) {
        if ((in.get() != 0)) {
          int[] bins = new int[fits(in, (int) var(in))];
          for (int b = 0; b < bins.length; b++) {
            bins[b] = (int) var(in);
          }
          sketches[i] = new Sketch(bins, longs(in), var(in));
        }
      }
    }
    return new Series(width, first, numerator, count, sum, min, max, sketches);
  }

  private static void longs(Out out, long[] values) {
    var(out, values == null ? -1 : values.length);
    if (values != null) {
      out.writeVars(values);
    }
  }

  private static long[] longs(ByteBuffer in) {
    int n = (int) var(in);
    if (n < 0) {
      return null;
    }
    long[] values = new long[fits(in, n)];
    for (int i = 0; i < n; i++) {
      values[i] = var(in);
    }
    return values;
  }

  private static void doubles(Out out, double[] values) {
    var(out, values == null ? -1 : values.length);
    if (values != null) {
      for (double v : values) {
        out.writeDouble(v);
      }
    }
  }

  private static double[] doubles(ByteBuffer in) {
    int n = (int) var(in);
    if (n < 0) {
      return null;
    }
    double[] values = new double[fits(in, n)];
    for (int i = 0; i < n; i++) {
      values[i] = in.getDouble();
    }
    return values;
  }

  private static void var(Out out, long v) {
    out.writeVar(v);
  }

  private static long var(ByteBuffer in) {
    long z = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = (in.get() & 0xFF);
      z |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (z >>> 1) ^ -(z & 1);
      }
    }
    throw new IllegalStateException("a rate group's stored value holds a malformed number");
  }

  /** {@code n}, when at least that many bytes are left (each element takes one at least). */
  private static int fits(ByteBuffer in, int n) {
    if (n > in.remaining()) {
      throw new BufferUnderflowException();
    }
    return n;
  }

  private static void nullableLong(Out out, Long value) {
    out.writeBoolean(value != null);
    if (value != null) {
      var(out, value);
    }
  }

  private static Long nullableLong(ByteBuffer in) {
    return (in.get() != 0) ? var(in) : null;
  }

  private static void string(Out out, String s) {
    if (s == null) {
      var(out, -1);
      return;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    var(out, utf8.length);
    out.write(utf8);
  }

  private static String string(ByteBuffer in) {
    int n = (int) var(in);
    if (n < 0) {
      return null;
    }
    byte[] utf8 = new byte[fits(in, n)];
    in.get(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /**
   * Sketches as written, by identity: a group is written once per event it counts, and every bucket
   * but the current one holds the same immutable sketch as at the previous write, so encoding each
   * of up to 60 sketches of a percentile rule every time was a quarter of the detection thread.
   * Direct-mapped and lock-free: an entry is immutable, and two threads filling one slot keep
   * either; a miss only costs the encoding.
   */
  private static final class EncodedSketches {
    private record Entry(Sketch sketch, byte[] bytes) {}

    private final Entry[] slots = new Entry[1 << 12];

    byte[] of(Sketch sketch) {
      int slot = System.identityHashCode(sketch) & (slots.length - 1);
      Entry entry = slots[slot];
      if (entry != null && entry.sketch == sketch) {
        return entry.bytes;
      }
      byte[] bytes = sketch(sketch);
      slots[slot] = new Entry(sketch, bytes);
      return bytes;
    }
  }

  /** A growable byte buffer: DataOutputStream over ByteArrayOutputStream locks once per byte. */
  private static final class Out {
    private byte[] buf;
    private int size;

    Out(int capacity) {
      buf = new byte[capacity];
    }

    /** Writes {@code v} zigzag-encoded in 7-bit groups: small counts and lengths take one byte. */
    void writeVar(long v) {
      ensure(10);
      long z = (v << 1) ^ (v >> 63);
      while ((z & ~0x7FL) != 0) {
        buf[size++] = (byte) ((z & 0x7F) | 0x80);
        z >>>= 7;
      }
      buf[size++] = (byte) z;
    }

    /** Writes each of {@code values} as {@link #writeVar}, making room for all of them once. */
    void writeVars(long[] values) {
      ensure(10 * values.length);
      byte[] b = buf;
      int at = size;
      for (long v : values) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
          b[at++] = (byte) ((z & 0x7F) | 0x80);
          z >>>= 7;
        }
        b[at++] = (byte) z;
      }
      size = at;
    }

    void writeByte(int b) {
      ensure(1);
      buf[size++] = (byte) b;
    }

    void writeBoolean(boolean b) {
      writeByte(b ? 1 : 0);
    }

    void writeDouble(double d) {
      long bits = Double.doubleToRawLongBits(d);
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        buf[size++] = (byte) (bits >>> shift);
      }
    }

    void write(byte[] bytes) {
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buf, size, bytes.length);
      size += bytes.length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
      }
    }
  }
}
