package io.kesjava.server;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's runtime policy: one thread per connection, a virtual thread on Java 21 and newer,
 * else one of a bounded pool of platform threads, which then also bounds the open connections.
 * See docs/hardening.md for what each runtime holds.
 */
final class ServerTuning {

  /** Whether this JDK has virtual threads (final from Java 21). */
  static final boolean VIRTUAL = Runtime.version().feature() >= 21 && virtualFactory() != null;

  /**
   * Threads, and so connections, of the pool on Java 17: each open connection holds one, a silent
   * one too, until its header or idle timeout ends it.
   */
  static final int POOL_THREADS = 1024;

  /** The most connections open at once with virtual threads. */
  static final int VIRTUAL_CONNECTIONS = 10_000;

  private ServerTuning() {}

  /** The default connection limit of this runtime. */
  static int maxConnections() {
    return VIRTUAL ? VIRTUAL_CONNECTIONS : POOL_THREADS;
  }

  /**
   * The most subscribers of each log stream at once: each holds a connection, so on the bounded
   * pool the audit and error streams together may take at most a sixteenth of it; with virtual
   * threads 32 each.
   */
  static int maxLogSubscribers() {
    return VIRTUAL ? 32 : Math.min(32, POOL_THREADS / 32);
  }

  /**
   * A virtual-thread-per-task executor where the JDK has one, else a pool of {@code threads}
   * platform threads.
   */
  static ExecutorService executor(int threads) {
    if (VIRTUAL) {
      try {
        Method m = java.util.concurrent.Executors.class.getMethod(
            "newVirtualThreadPerTaskExecutor");
        return (ExecutorService) m.invoke(null);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // fall through to the pool
      }
    }
    AtomicInteger n = new AtomicInteger();
    ThreadFactory f = r -> {
      Thread t = new Thread(r, "kes-https-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), f);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static Method virtualFactory() {
    try {
      return java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
