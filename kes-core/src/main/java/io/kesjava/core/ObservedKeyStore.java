package io.kesjava.core;

import io.kesjava.core.KesEngineListener.KeyStoreCall;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import java.time.Duration;

/**
 * A {@link KeyStore} that times every call of the store it wraps and tells a {@link
 * KesEngineListener}. Only an engine with a listener uses it. Thread-safe as the wrapped store.
 */
final class ObservedKeyStore implements KeyStore {

  private final KeyStore store;
  private final KesEngineListener listener;

  ObservedKeyStore(KeyStore store, KesEngineListener listener) {
    this.store = store;
    this.listener = listener;
  }

  @Override
  public void create(String name, byte[] value) {
    long start = System.nanoTime();
    try {
      store.create(name, value);
    } catch (RuntimeException e) {
      listener.onKeyStoreCall(KeyStoreCall.CREATE, System.nanoTime() - start, e);
      throw e;
    }
    listener.onKeyStoreCall(KeyStoreCall.CREATE, System.nanoTime() - start, null);
  }

  @Override
  public byte[] get(String name) {
    long start = System.nanoTime();
    byte[] value;
    try {
      value = store.get(name);
    } catch (RuntimeException e) {
      listener.onKeyStoreCall(KeyStoreCall.GET, System.nanoTime() - start, e);
      throw e;
    }
    listener.onKeyStoreCall(KeyStoreCall.GET, System.nanoTime() - start, null);
    return value;
  }

  @Override
  public void delete(String name) {
    long start = System.nanoTime();
    try {
      store.delete(name);
    } catch (RuntimeException e) {
      listener.onKeyStoreCall(KeyStoreCall.DELETE, System.nanoTime() - start, e);
      throw e;
    }
    listener.onKeyStoreCall(KeyStoreCall.DELETE, System.nanoTime() - start, null);
  }

  @Override
  public KeyListing list(String prefix, String continueAt, int limit) {
    long start = System.nanoTime();
    KeyListing listing;
    try {
      listing = store.list(prefix, continueAt, limit);
    } catch (RuntimeException e) {
      listener.onKeyStoreCall(KeyStoreCall.LIST, System.nanoTime() - start, e);
      throw e;
    }
    listener.onKeyStoreCall(KeyStoreCall.LIST, System.nanoTime() - start, null);
    return listing;
  }

  @Override
  public Duration status() {
    long start = System.nanoTime();
    Duration latency;
    try {
      latency = store.status();
    } catch (RuntimeException e) {
      listener.onKeyStoreCall(KeyStoreCall.STATUS, System.nanoTime() - start, e);
      throw e;
    }
    listener.onKeyStoreCall(KeyStoreCall.STATUS, System.nanoTime() - start, null);
    return latency;
  }

  @Override
  public String description() {
    return store.description();
  }

  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return store.toString();
  }
}
