package io.kesjava.keystore.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoresTest {

  private final List<String> calls = new ArrayList<>();
  private RuntimeException statusFailure;

  /** A store that records the calls it gets; its status fails when the test says so. */
  private final KeyStore store =
      (KeyStore)
          Proxy.newProxyInstance(
              KeyStore.class.getClassLoader(),
              new Class<?>[] {KeyStore.class},
              (proxy, method, args) -> {
                calls.add(method.getName());
                if (method.getName().equals("status")) {
                  if (statusFailure != null) {
                    throw statusFailure;
                  }
                  return Duration.ofMillis(3);
                }
                return null;
              });

  @Test
  void aStoreThatFailsToConnect_isClosed_andTheFailureThrown() {
    assertThatThrownBy(
            () ->
                Stores.connected(
                    store,
                    s -> {
                      throw new KeyStoreUnreachableException("acme: down");
                    }))
        .isInstanceOf(KeyStoreUnreachableException.class)
        .hasMessage("acme: down");
    assertThat(calls).containsExactly("close");

    calls.clear();
    assertThat(Stores.connected(store, s -> {})).isSameAs(store);
    assertThat(calls).isEmpty();
  }

  @Test
  void probed_asksForTheStatus_andClosesAStoreThatDoesNotAnswer() {
    assertThat(Stores.probed(store)).isSameAs(store);
    assertThat(calls).containsExactly("status");

    calls.clear();
    statusFailure = new KeyStoreUnreachableException("acme: not reachable");
    assertThatThrownBy(() -> Stores.probed(store)).isSameAs(statusFailure);
    assertThat(calls).containsExactly("status", "close");
  }
}
