package io.kesjava.core;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link KesEngineListener} that passes every event on and swallows what the listener throws, so
 * that a broken listener never fails an operation. The first failure is logged as a warning, later
 * ones at debug level. Thread-safe.
 */
final class GuardedListener implements KesEngineListener {

  private static final System.Logger LOG = System.getLogger(KesEngine.class.getName());

  private final KesEngineListener listener;
  private final AtomicBoolean warned = new AtomicBoolean();

  private GuardedListener(KesEngineListener listener) {
    this.listener = listener;
  }

  static KesEngineListener of(KesEngineListener listener) {
    return listener instanceof GuardedListener ? listener : new GuardedListener(listener);
  }

  @Override
  public void onOperation(Operation operation, long nanos, RuntimeException error) {
    try {
      listener.onOperation(operation, nanos, error);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void onCacheHit() {
    try {
      listener.onCacheHit();
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void onCacheMiss() {
    try {
      listener.onCacheMiss();
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void onOfflineCacheHit() {
    try {
      listener.onOfflineCacheHit();
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void onKeyStoreCall(KeyStoreCall call, long nanos, RuntimeException error) {
    try {
      listener.onKeyStoreCall(call, nanos, error);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private void failed(RuntimeException e) {
    Level level = warned.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
    LOG.log(level, "engine listener " + listener.getClass().getName() + " failed; ignored", e);
  }

  @Override
  public String toString() {
    return listener.toString();
  }
}
