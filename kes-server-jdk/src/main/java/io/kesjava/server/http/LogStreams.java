package io.kesjava.server.http;

import io.kesjava.server.AuditLog;
import io.kesjava.server.ErrorLog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@code /v1/log/audit} and {@code /v1/log/error} streams (docs/http-api.md): headers at once,
 * then each event as one NDJSON line, flushed. A subscriber that falls more than {@value #QUEUE}
 * events behind loses the newest ones.
 *
 * <p>After a heartbeat interval without events an empty line goes out (NDJSON readers, the Go
 * client's and kes-client's, skip blank lines): writing is how a closed client connection is
 * noticed, so that a gone subscriber releases its request thread within about two intervals,
 * without waiting for an event. Each stream (audit, error; their {@code /trace} aliases count with
 * them) takes at most a fixed number of subscribers, because each holds a request thread, and on
 * Java 17 the pool is bounded; beyond that the answer is 429 {@code too many log subscribers} (not
 * 503, which clients retry at once).
 *
 * <p>Thread-safety: safe for concurrent use; each stream runs on its request's thread.
 */
final class LogStreams {

  static final int QUEUE = 4096;
  private static final String END = new String("end of stream"); // compared by identity

  private final AuditLog auditLog;
  private final ErrorLog errorLog;
  private final Metrics metrics;
  private final ZoneId zone;
  private final Consumer<Call> audit;
  private static final byte[] HEARTBEAT = {'\n'};
  static final String TOO_MANY = "too many log subscribers";

  private final Duration heartbeat;
  private final int maxSubscribers;
  private final AtomicInteger auditSubscribers = new AtomicInteger();
  private final AtomicInteger errorSubscribers = new AtomicInteger();
  private final Set<BlockingQueue<String>> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param heartbeat how long a stream may be silent before an empty line goes out
   * @param maxSubscribers the most subscribers of each stream at once
   */
  LogStreams(AuditLog auditLog, ErrorLog errorLog, Metrics metrics, ZoneId zone,
      Consumer<Call> audit, Duration heartbeat, int maxSubscribers) {
    this.auditLog = auditLog;
    this.errorLog = errorLog;
    this.metrics = metrics;
    this.zone = zone;
    this.audit = audit;
    if (heartbeat.isNegative() || heartbeat.isZero() || maxSubscribers < 1) {
      throw new IllegalArgumentException("heartbeat and subscriber limit must be positive");
    }
    this.heartbeat = heartbeat;
    this.maxSubscribers = maxSubscribers;
  }

  void audit(Call call) throws Exception {
    run(call, sink -> auditLog.subscribe(e -> sink.accept(e.toJson(zone))), metrics.auditEvents,
        auditSubscribers);
  }

  void error(Call call) throws Exception {
    run(call, sink -> errorLog.subscribe(e -> sink.accept(e.toJson(zone))), metrics.errorEvents,
        errorSubscribers);
  }

  private void run(Call call, Function<Consumer<String>, AutoCloseable> subscribe,
      LongAdder delivered, AtomicInteger subscribers) throws Exception {
    if (subscribers.incrementAndGet() > maxSubscribers) {
      subscribers.decrementAndGet();
      call.error(429, TOO_MANY);
      return;
    }
    try {
      stream(call, subscribe, delivered);
    } finally {
      subscribers.decrementAndGet();
    }
  }

  private void stream(Call call, Function<Consumer<String>, AutoCloseable> subscribe,
      LongAdder delivered) throws Exception {
    BlockingQueue<String> queue = new LinkedBlockingQueue<>(QUEUE);
    // The stream's own audit event comes first, so that the subscriber does not see itself.
    call.status = 200;
    audit.accept(call);
    AutoCloseable subscription = subscribe.apply(queue::offer);
    open.add(queue);
    try {
      OutputStream os = call.stream("application/x-ndjson");
      while (os != null && !closed) {
        String line = queue.poll(heartbeat.toNanos(), TimeUnit.NANOSECONDS);
        if (line == END) {
          break;
        }
        if (line == null) {
          os.write(HEARTBEAT);
          os.flush();
          continue;
        }
        os.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        os.flush();
        delivered.increment();
      }
    } catch (IOException e) {
      // The client closed the connection.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(queue);
      subscription.close();
    }
  }

  /** Number of open streams. */
  int openStreams() {
    return open.size();
  }

  /** Ends every stream. */
  void close() {
    closed = true;
    for (BlockingQueue<String> q : open) {
      q.clear();
      q.offer(END);
    }
  }
}
