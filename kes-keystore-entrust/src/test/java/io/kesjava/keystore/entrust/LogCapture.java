package io.kesjava.keystore.entrust;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every log record of this module's package, at every level, through java.util.logging
 * (the default backend of {@code System.Logger}).
 */
final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger = Logger.getLogger("io.kesjava.keystore.entrust");
  private final Level previous = logger.getLevel();
  private final SimpleFormatter formatter = new SimpleFormatter();
  private final List<String> lines = new ArrayList<>();

  LogCapture() {
    setLevel(Level.ALL);
    logger.setLevel(Level.ALL);
    logger.addHandler(this);
  }

  /** Each record's level and formatted message, with its exception's message. */
  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    String thrown = record.getThrown() == null ? "" : " " + record.getThrown();
    lines.add(record.getLevel() + " " + formatter.formatMessage(record) + thrown);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previous);
  }
}
