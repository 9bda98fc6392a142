package io.kesjava.server.http;

import io.kesjava.server.AuditLog;
import io.kesjava.server.ErrorLog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@code /v1/log/audit} and {@code /v1/log/error} streams ({@code api.md} §7): headers at once,
 * then each event as one NDJSON line, flushed. A subscriber that falls more than {@value #QUEUE}
 * events behind loses the newest ones; a closed client connection unsubscribes at the next event.
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
  private final Set<BlockingQueue<String>> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  LogStreams(AuditLog auditLog, ErrorLog errorLog, Metrics metrics, ZoneId zone,
      Consumer<Call> audit) {
    this.auditLog = auditLog;
    this.errorLog = errorLog;
    this.metrics = metrics;
    this.zone = zone;
    this.audit = audit;
  }

  void audit(Call call) throws Exception {
    run(call, sink -> auditLog.subscribe(e -> sink.accept(e.toJson(zone))), metrics.auditEvents);
  }

  void error(Call call) throws Exception {
    run(call, sink -> errorLog.subscribe(e -> sink.accept(e.toJson(zone))), metrics.errorEvents);
  }

  private void run(Call call, Function<Consumer<String>, AutoCloseable> subscribe,
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
        String line = queue.take();
        if (line == END) {
          break;
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
      call.exchange.close();
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
