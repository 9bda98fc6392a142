package io.kesjava.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The KES test vectors, {@code kes-vectors.json}: one copy for every module's vector tests, on the
 * class path at {@value #RESOURCE}. The file is JSON; each module reads it with its own JSON
 * library, for example {@code KesVectors.read(new ObjectMapper()::readTree)}.
 *
 * <p>Thread-safety: stateless.
 */
public final class KesVectors {

  /** Where the file is on the class path. */
  public static final String RESOURCE = "/io/kesjava/testkit/kes-vectors.json";

  /** Reads the file from a stream, such as a JSON parser does. */
  @FunctionalInterface
  public interface Reader<T> {
    /**
     * Reads the whole stream.
     *
     * @throws IOException if it cannot
     */
    T read(InputStream in) throws IOException;
  }

  private KesVectors() {}

  /**
   * The file, opened; the caller closes it.
   *
   * @throws IllegalStateException if it is not on the class path
   */
  public static InputStream open() {
    InputStream in = KesVectors.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(RESOURCE + " is not on the class path");
    }
    return in;
  }

  /** The file's bytes. */
  public static byte[] bytes() {
    return read(InputStream::readAllBytes);
  }

  /**
   * What {@code reader} makes of the file; the stream is closed afterwards.
   *
   * @throws UncheckedIOException if the reader fails with an {@link IOException}
   */
  public static <T> T read(Reader<T> reader) {
    try (InputStream in = open()) {
      return reader.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
