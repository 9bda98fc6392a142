package io.kesjava.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every record, at every level, of a logger and its children through {@code
 * java.util.logging}, the default backend of {@code System.Logger}. Open it in a
 * try-with-resources block; closing it detaches it and restores the logger's level.
 *
 * <pre>{@code
 * try (LogCapture log = new LogCapture("io.kesjava.keystore.fortanix")) {
 *   ...
 *   assertThat(log.lines()).noneMatch(line -> line.contains(secret));
 * }
 * }</pre>
 *
 * <p>Thread-safety: records may arrive from any thread.
 */
public final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger;
  private final Level previous;
  private final SimpleFormatter formatter = new SimpleFormatter();
  private final List<String> lines = new ArrayList<>();

  /**
   * Starts capturing.
   *
   * @param loggerName the logger whose records (and its children's) are captured, such as a
   *     package name
   */
  public LogCapture(String loggerName) {
    logger = Logger.getLogger(Objects.requireNonNull(loggerName, "loggerName"));
    previous = logger.getLevel();
    setLevel(Level.ALL);
    logger.setLevel(Level.ALL);
    logger.addHandler(this);
  }

  /**
   * The records so far, each as its level, a space and its formatted message, followed by a space
   * and its exception's {@code toString()} when it has one, such as {@code WARNING failed (x)}.
   */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    String thrown = record.getThrown() == null ? "" : " " + record.getThrown();
    lines.add(record.getLevel() + " " + formatter.formatMessage(record) + thrown);
  }

  @Override
  public void flush() {}

  /** Stops capturing and restores the logger's level. */
  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previous);
  }
}
