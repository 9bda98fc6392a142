package io.kesjava.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Short, Go-like texts for I/O failures: the file name is said by the caller. */
final class Messages {

  private Messages() {}

  static String of(IOException e) {
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

  static String of(UncheckedIOException e) {
    return of(e.getCause());
  }
}
