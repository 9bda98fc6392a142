package io.kesjava.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Short, Go-like texts for I/O failures, as the server's and the command line's messages print them
 * ({@code no such file or directory}); the file name is said by the caller.
 *
 * <p>Thread-safety: stateless.
 */
public final class IoMessages {

  private IoMessages() {}

  /** The text of {@code e}. */
  public static String of(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "file exists";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** The text of the cause of {@code e}. */
  public static String of(UncheckedIOException e) {
    return of(e.getCause());
  }
}
