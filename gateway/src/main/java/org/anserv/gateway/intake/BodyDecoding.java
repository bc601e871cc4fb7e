package org.anserv.gateway.intake;

import com.github.luben.zstd.ZstdInputStream;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * Inflates a compressed event body ({@code Content-Encoding} gzip, deflate or zstd, as log shippers send), strictly:
 * a body cut short is refused rather than read in part, since the producer would count its missing events as
 * delivered; and the inflated size is bounded, so a small body cannot expand without limit.
 */
final class BodyDecoding {

  private BodyDecoding() {
  }

  /**
   * Returns the body as sent when it has no encoding, else inflated.
   *
   * @param encoding the {@code Content-Encoding} header, or null
   * @param body the body as received
   * @param maxBytes the most bytes the inflated body may have
   * @return the body to read events from
   * @throws BadBodyException 415 for an encoding not supported, 400 for a corrupt or truncated body, 413 above
   *     {@code maxBytes}
   */
  static Buffer decode(String encoding, Buffer body, long maxBytes) throws BadBodyException {
    String name = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
    try {
      return switch (name) {
        case "", "identity" -> body;
        case "gzip", "x-gzip" -> Buffer.buffer(read(new GZIPInputStream(stream(body)), maxBytes));
        case "deflate" -> Buffer.buffer(inflate(body.getBytes(), maxBytes));
        case "zstd" -> Buffer.buffer(read(new ZstdInputStream(stream(body)), maxBytes));
        default -> throw new BadBodyException(415, "Content-Encoding " + encoding + " is not supported: send the"
            + " body uncompressed or with gzip, deflate or zstd (Vector: compression = \"gzip\" or \"zstd\").");
      };
    } catch (EOFException e) {
      throw truncated(name);
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage());
      if (message.toLowerCase(Locale.ROOT).contains("truncated")) {
        throw truncated(name);
      }
      throw new BadBodyException(400, "The body is not valid " + name + " (" + message + "): compress it again,"
          + " or send it uncompressed without Content-Encoding.");
    }
  }

  private static BadBodyException truncated(String encoding) {
    return new BadBodyException(400, "The " + encoding + " body is truncated: it ends before its compressed stream"
        + " does, so none of it was accepted. Send the whole body again.");
  }

  private static InputStream stream(Buffer body) {
    return new ByteArrayInputStream(body.getBytes());
  }

  private static byte[] read(InputStream in, long maxBytes) throws IOException, BadBodyException {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] chunk = new byte[64 * 1024];
      for (int n; (n = in.read(chunk)) != -1; ) {
        out.write(chunk, 0, n);
        if (out.size() > maxBytes) {
          throw tooLarge(maxBytes);
        }
      }
      return out.toByteArray();
    }
  }

  // HTTP's "deflate" is zlib-wrapped, but some clients send raw deflate: try the wrapped form first.
  private static byte[] inflate(byte[] compressed, long maxBytes) throws IOException, BadBodyException {
    try {
      return inflate(compressed, maxBytes, false);
    } catch (DataFormatException wrappedFailed) {
      try {
        return inflate(compressed, maxBytes, true);
      } catch (DataFormatException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
  }

  private static byte[] inflate(byte[] compressed, long maxBytes, boolean raw)
      throws DataFormatException, BadBodyException, EOFException {
    Inflater inflater = new Inflater(raw);
    try {
      inflater.setInput(compressed);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] chunk = new byte[64 * 1024];
      while (!inflater.finished()) {
        if (inflater.needsDictionary()) {
          throw new DataFormatException("a preset dictionary is needed");
        }
        int n = inflater.inflate(chunk);
        if (n == 0 && inflater.needsInput()) {
          throw new EOFException("truncated");
        }
        out.write(chunk, 0, n);
        if (out.size() > maxBytes) {
          throw tooLarge(maxBytes);
        }
      }
      if (inflater.getRemaining() > 0) {
        throw new DataFormatException(inflater.getRemaining() + " bytes follow the end of the compressed stream");
      }
      return out.toByteArray();
    } finally {
      inflater.end();
    }
  }

  private static BadBodyException tooLarge(long maxBytes) {
    return new BadBodyException(413, "The body inflates to more than " + maxBytes + " bytes: split it into smaller"
        + " batches (setting intake.max.body.bytes).");
  }
}
