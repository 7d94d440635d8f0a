package io.tocsin.ingest.decode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/**
 * Recognises and inflates gzip, the encoding of CloudWatch Logs subscription records and of
 * CloudTrail log files, without letting a small record expand without bound.
 */
final class Gzip {

  private static final byte[] BASE64_GZIP_PREFIX = {'H', '4', 's', 'I'};

  private Gzip() {}

  /** Whether {@code data} starts with the gzip magic bytes {@code 1f 8b}. */
  static boolean isGzip(byte[] data) {
    return data.length >= 2 && data[0] == (byte) 0x1f && data[1] == (byte) 0x8b;
  }

  /**
   * Whether {@code data} is base64 text of gzip ({@code H4sI…}), as the Kinesis JSON API, {@code
   * aws kinesis get-records} and Lambda test events show subscription records.
   */
  static boolean isBase64Gzip(byte[] data) {
    if (data.length < BASE64_GZIP_PREFIX.length) {
      return false;
    }
    for (int i = 0; i < BASE64_GZIP_PREFIX.length; i++) {
      if (data[i] != BASE64_GZIP_PREFIX[i]) {
        return false;
      }
    }
    return true;
  }

  /** Decodes base64 text (line breaks allowed); fails as {@code bad_gzip}. */
  static byte[] fromBase64(byte[] text) throws DecodeFailure {
    try {
      return Base64.getMimeDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new DecodeFailure(ReasonCode.BAD_GZIP, "not valid base64: " + e.getMessage());
    }
  }

  /**
   * Inflates gzip (concatenated members included), reading at most {@code maxBytes} inflated bytes:
   * one more is {@code oversize}, a broken stream is {@code bad_gzip}.
   */
  static byte[] inflate(byte[] data, int maxBytes) throws DecodeFailure {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, data.length * 8));
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data), buffer.length)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (out.size() + n > maxBytes) {
          throw new DecodeFailure(
              ReasonCode.OVERSIZE,
              "gzip of "
                  + data.length
                  + " bytes inflates past the bound of "
                  + maxBytes
                  + " bytes; stopped reading");
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new DecodeFailure(ReasonCode.BAD_GZIP, "gzip does not inflate: " + e.getMessage());
    }
    return out.toByteArray();
  }
}
