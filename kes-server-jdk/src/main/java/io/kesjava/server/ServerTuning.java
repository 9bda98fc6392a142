package io.kesjava.server;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JDK HTTP server settings ({@code BENCHMARKS.md}) and the request executor: virtual threads on
 * Java 21+, a bounded pool on 17.
 */
final class ServerTuning {

  /** Threads of the pool on Java 17: enough for log streams beside ordinary requests. */
  static final int POOL_THREADS = Math.max(64, 16 * Runtime.getRuntime().availableProcessors());

  private ServerTuning() {}

  /**
   * Sets the JDK server's properties unless the user set them: no Nagle delay (a 10x latency
   * difference), KES's 5 s request-read and 90 s idle timeouts ({@code
   * docs/http-api.md#conventions}). The JDK reads them once, when its first server is created.
   */
  static void apply() {
    setIfAbsent("sun.net.httpserver.nodelay", "true");
    setIfAbsent("sun.net.httpserver.maxReqTime", "5");
    setIfAbsent("sun.net.httpserver.idleInterval", "90");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /**
   * The most subscribers of each log stream at once: each holds a request thread, so on the
   * bounded pool the audit and error streams together may take at most half of it; with virtual
   * threads 32 each.
   */
  static int maxLogSubscribers() {
    // Virtual threads are final from Java 21; before, executor() falls back to the pool.
    boolean virtual = Runtime.version().feature() >= 21;
    return virtual ? 32 : Math.min(32, POOL_THREADS / 4);
  }

  /** A virtual-thread-per-task executor where the JDK has one, else a bounded pool. */
  static ExecutorService executor() {
    try {
      Method m = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
      return (ExecutorService) m.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      AtomicInteger n = new AtomicInteger();
      ThreadFactory f = r -> {
        Thread t = new Thread(r, "kes-http-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
      ThreadPoolExecutor pool = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, 60,
          TimeUnit.SECONDS, new LinkedBlockingQueue<>(), f);
      pool.allowCoreThreadTimeOut(true);
      return pool;
    }
  }
}
