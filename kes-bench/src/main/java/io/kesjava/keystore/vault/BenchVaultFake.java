package io.kesjava.keystore.vault;

import io.kesjava.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Benchmark only, not part of kes-keystore-vault: kes-keystore-vault's fake of Vault's HTTP API
 * (from its test jar) as a process that several {@code kes server}s share, on plain HTTP, with a
 * K/V v1 mount {@code kv} and an AppRole login. In this package to clear the fake's record of
 * calls every 100 ms (it keeps every call for its tests; under load that record would grow without
 * end).
 *
 * <pre>java -cp ... io.kesjava.keystore.vault.BenchVaultFake DIR</pre>
 *
 * <p>Writes {@code DIR/vault.endpoint} once it listens (role id {@value #ROLE_ID}, secret id
 * {@value #SECRET_ID}); runs until killed.
 */
public final class BenchVaultFake {

  public static final String ROLE_ID = "kes-bench-role";
  public static final String SECRET_ID = "kes-bench-secret";

  private BenchVaultFake() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    FakeVault vault = FakeVault.start(new MutableClock())
        .kv("", "kv", 1)
        .appRole("", "approle", ROLE_ID, SECRET_ID, Duration.ofDays(1), Duration.ofDays(2), true);
    Path tmp = dir.resolve("vault.endpoint.tmp");
    Files.writeString(tmp, vault.endpoint() + "\n");
    Files.move(tmp, dir.resolve("vault.endpoint"), StandardCopyOption.ATOMIC_MOVE);
    while (true) {
      Thread.sleep(100);
      vault.clearCalls();
    }
  }
}
