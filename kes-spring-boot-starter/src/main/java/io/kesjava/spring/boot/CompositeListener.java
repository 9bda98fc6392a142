package io.kesjava.spring.boot;

import io.kesjava.core.KesEngineListener;
import java.util.List;

/** Passes each engine event to several listeners, in order. Thread-safe. */
final class CompositeListener implements KesEngineListener {

  private final KesEngineListener[] listeners;

  CompositeListener(List<KesEngineListener> listeners) {
    this.listeners = listeners.toArray(new KesEngineListener[0]);
  }

  @Override
  public void onOperation(Operation operation, long nanos, RuntimeException error) {
    for (KesEngineListener l : listeners) {
      l.onOperation(operation, nanos, error);
    }
  }

  @Override
  public void onCacheHit() {
    for (KesEngineListener l : listeners) {
      l.onCacheHit();
    }
  }

  @Override
  public void onCacheMiss() {
    for (KesEngineListener l : listeners) {
      l.onCacheMiss();
    }
  }

  @Override
  public void onOfflineCacheHit() {
    for (KesEngineListener l : listeners) {
      l.onOfflineCacheHit();
    }
  }

  @Override
  public void onKeyStoreCall(KeyStoreCall call, long nanos, RuntimeException error) {
    for (KesEngineListener l : listeners) {
      l.onKeyStoreCall(call, nanos, error);
    }
  }
}
