package io.tocsin.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A prefix-to-AS-number table in the public {@code ip2asn} TSV format ({@code range_start range_end
 * AS_number country AS_description}, tab-separated, IPv4 and IPv6 rows in any order): the AS number
 * announcing an address, by binary search over the sorted ranges. AS number 0 ({@code Not routed})
 * counts as no AS.
 */
public final class AsnTable {

  private record Range(byte[] start, byte[] end, long asn) {}

  private final Range[] ranges;

  private AsnTable(Range[] ranges) {
    this.ranges = ranges;
  }

  /**
   * Loads the table in {@code file}.
   *
   * @throws IllegalArgumentException naming the file and line of a bad row
   * @throws UncheckedIOException when the file cannot be read
   */
  public static AsnTable load(Path file) {
    List<Range> rows = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        Range row = row(line.split("\t", -1), file + ":" + number + ": ");
        if (row.asn() != 0) {
          rows.add(row);
        }
      }
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException(
          "cannot read the AS number table " + file + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the AS number table " + file + ": " + e.getMessage(), e);
    }
    Range[] sorted = rows.toArray(new Range[0]);
    Arrays.sort(sorted, Comparator.comparing(Range::start, Arrays::compareUnsigned));
    return new AsnTable(sorted);
  }

  private static Range row(String[] columns, String where) {
    if (columns.length < 3) {
      throw new IllegalArgumentException(
          where
              + "expected tab-separated range_start, range_end, AS_number, country,"
              + " AS_description; got "
              + columns.length
              + " column(s)");
    }
    byte[] start = address(columns[0], "range_start", where);
    byte[] end = address(columns[1], "range_end", where);
    if (IpLiteral.isIpv4(start) != IpLiteral.isIpv4(end)
        || Arrays.compareUnsigned(start, end) > 0) {
      throw new IllegalArgumentException(
          where + "range_start " + columns[0] + " is after range_end " + columns[1]);
    }
    try {
      long asn = Long.parseLong(columns[2].trim());
      if (asn < 0 || asn > 0xFFFF_FFFFL) {
        throw new NumberFormatException();
      }
      return new Range(start, end, asn);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          where + "AS_number: expected 0 to 4294967295, got '" + columns[2] + "'");
    }
  }

  private static byte[] address(String text, String column, String where) {
    byte[] address = IpLiteral.parse(text.trim());
    if (address == null) {
      throw new IllegalArgumentException(
          where + column + ": expected an IPv4 or IPv6 address, got '" + text + "'");
    }
    return address;
  }

  /** The AS number announcing {@code address} (16 bytes, see {@link IpLiteral}), or 0. */
  long asnOf(byte[] address) {
    int low = 0;
    int high = ranges.length - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (Arrays.compareUnsigned(ranges[mid].start(), address) <= 0) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found >= 0 && Arrays.compareUnsigned(address, ranges[found].end()) <= 0
        ? ranges[found].asn()
        : 0;
  }

  /** How many announced ranges the table holds. */
  public int size() {
    return ranges.length;
  }
}
