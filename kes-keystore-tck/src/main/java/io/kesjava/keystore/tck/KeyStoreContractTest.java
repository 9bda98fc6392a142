package io.kesjava.keystore.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link KeyStore} meets ({@code
 * docs/keystores/README.md#the-contract-every-store-keeps}). A backend's tests extend this class
 * and implement {@link #newKeyStore()}; the tests then run against that backend.
 *
 * <p>Each test gets a fresh, empty store and closes it afterwards. The whole class runs in a few
 * seconds against an in-process fake of a network backend.
 *
 * <p>Thread-safety: like any JUnit test class, an instance runs one test at a time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class KeyStoreContractTest {

  /** The store under test in the current test; fresh and empty. */
  protected KeyStore store;

  /** For subclasses. */
  protected KeyStoreContractTest() {}

  /**
   * A fresh, empty store; called once before each test. The subclass decides how (a new temporary
   * directory, a new fake server, a unique prefix on a shared one).
   *
   * @throws Exception if the store cannot be set up; the test then fails
   */
  protected abstract KeyStore newKeyStore() throws Exception;

  /**
   * Whether {@link KeyStore#delete} of a missing name throws {@link EntryNotFoundException}.
   * Backends that cannot tell (Vault, Gemalto, Azure in KES) override this to return {@code
   * false}; their delete of a missing name must then succeed or throw {@link
   * EntryNotFoundException}.
   */
  protected boolean deleteOfMissingKeyFails() {
    return true;
  }

  /**
   * Whether the backend accepts {@code _} in key names. Azure Key Vault does not (its secret names
   * are {@code [0-9A-Za-z-]}); its tests override this to return {@code false}, and the contract
   * then uses names without {@code _}.
   */
  protected boolean underscoresInNames() {
    return true;
  }

  /**
   * Whether the backend compares key names without case, so that {@code A-key} and {@code a-key}
   * are one name. Azure Key Vault does (its secret names are case-insensitive); its tests override
   * this to return {@code true}, and the contract then never stores two names that differ only in
   * case, and skips the test that needs two such names.
   */
  protected boolean namesIgnoreCase() {
    return false;
  }

  /**
   * The size in bytes of the large value the contract stores; 64 KiB by default. A backend with a
   * smaller limit (Azure Key Vault: 25 KiB of text per secret) returns the most it can hold.
   */
  protected int maxValueBytes() {
    return 64 * 1024;
  }

  /**
   * {@code names} less those the backend cannot hold (names with {@code _}, or a name that differs
   * from an earlier one only in case), in the same order.
   */
  private List<String> usable(List<String> names) {
    List<String> usable = new ArrayList<>();
    for (String name : names) {
      boolean caseTwin =
          namesIgnoreCase() && usable.stream().anyMatch(u -> u.equalsIgnoreCase(name));
      if ((underscoresInNames() || name.indexOf('_') < 0) && !caseTwin) {
        usable.add(name);
      }
    }
    return usable;
  }

  @BeforeEach
  final void openStore() throws Exception {
    store = newKeyStore();
  }

  @AfterEach
  final void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void create_thenGet_returnsTheValue() {
    store.create("my-key", bytes("value-1"));

    assertThat(store.get("my-key")).isEqualTo(bytes("value-1"));
  }

  @Test
  void create_copiesTheValue_soLaterChangesToTheCallersArrayDoNotReachTheStore() {
    byte[] value = bytes("value-1");
    store.create("my-key", value);
    value[0] = 'X';

    assertThat(store.get("my-key")).isEqualTo(bytes("value-1"));
  }

  @Test
  void get_returnsACopy_soChangingItDoesNotChangeTheStore() {
    store.create("my-key", bytes("value-1"));
    byte[] first = store.get("my-key");
    first[0] = 'X';

    assertThat(store.get("my-key")).isEqualTo(bytes("value-1"));
  }

  @Test
  void create_ofAnExistingName_throwsEntryExists_andKeepsTheOldValue() {
    store.create("my-key", bytes("old"));

    assertThatThrownBy(() -> store.create("my-key", bytes("new")))
        .isInstanceOf(EntryExistsException.class);
    assertThat(store.get("my-key")).isEqualTo(bytes("old"));
  }

  @Test
  void get_ofAMissingName_throwsEntryNotFound() {
    assertThatThrownBy(() -> store.get("missing-key")).isInstanceOf(EntryNotFoundException.class);
  }

  @Test
  void delete_ofAMissingName_throwsEntryNotFound_unlessTheBackendCannotTell() {
    Throwable thrown = catchThrowable(() -> store.delete("missing-key"));

    if (deleteOfMissingKeyFails()) {
      assertThat(thrown).isInstanceOf(EntryNotFoundException.class);
    } else if (thrown != null) {
      assertThat(thrown).isInstanceOf(EntryNotFoundException.class);
    }
  }

  @Test
  void delete_thenGet_throwsEntryNotFound() {
    store.create("my-key", bytes("value-1"));

    store.delete("my-key");

    assertThatThrownBy(() -> store.get("my-key")).isInstanceOf(EntryNotFoundException.class);
  }

  @Test
  void delete_freesTheName_forANewCreate() {
    store.create("my-key", bytes("old"));
    store.delete("my-key");

    store.create("my-key", bytes("new"));

    assertThat(store.get("my-key")).isEqualTo(bytes("new"));
  }

  @Test
  void delete_removesTheNameFromListings() {
    store.create("key-1", bytes("1"));
    store.create("key-2", bytes("2"));

    store.delete("key-1");

    assertThat(store.list("", "", 0).names()).containsExactly("key-2");
  }

  @Test
  void delete_leavesOtherEntriesAlone() {
    store.create("key-1", bytes("1"));
    store.create("key-2", bytes("2"));

    store.delete("key-1");

    assertThat(store.get("key-2")).isEqualTo(bytes("2"));
  }

  @Test
  void list_ofAnEmptyStore_isEmptyAndComplete() {
    KeyListing listing = store.list("", "", 0);

    assertThat(listing.names()).isEmpty();
    assertThat(listing.continueAt()).isEmpty();
  }

  /** Names whose byte order differs from a case-insensitive or natural order. */
  private static final List<String> MIXED_NAMES =
      List.of("my-key2", "b_key", "A-key", "my-key", "0-key", "a-key", "my_key", "1-key");

  private static final List<String> MIXED_NAMES_SORTED =
      List.of("0-key", "1-key", "A-key", "a-key", "b_key", "my-key", "my-key2", "my_key");

  private void createAll(List<String> names) {
    for (String name : usable(names)) {
      store.create(name, bytes("value of " + name));
    }
  }

  @Test
  void list_returnsEveryName_sortedInByteOrder() {
    createAll(MIXED_NAMES);

    KeyListing listing = store.list("", "", 0);

    assertThat(listing.names()).containsExactlyElementsOf(usable(MIXED_NAMES_SORTED));
    assertThat(listing.continueAt()).isEmpty();
  }

  @Test
  void list_withAPrefix_returnsOnlyNamesStartingWithIt() {
    createAll(MIXED_NAMES);

    KeyListing listing = store.list("my", "", 0);

    assertThat(listing.names())
        .containsExactlyElementsOf(usable(List.of("my-key", "my-key2", "my_key")));
    assertThat(listing.continueAt()).isEmpty();
  }

  @Test
  void list_withAPrefixNoNameHas_isEmptyAndComplete() {
    createAll(MIXED_NAMES);

    KeyListing listing = store.list("zz", "", 0);

    assertThat(listing.names()).isEmpty();
    assertThat(listing.continueAt()).isEmpty();
  }

  @Test
  void list_withALimit_returnsTheFirstPage_andTheNextNameAsCursor() {
    // The cursor falls between A-key and a-key: a backend without case cannot hold both.
    assumeFalse(namesIgnoreCase(), "the backend compares names without case");
    createAll(MIXED_NAMES);

    KeyListing listing = store.list("", "", 3);

    assertThat(listing.names()).containsExactly("0-key", "1-key", "A-key");
    assertThat(listing.continueAt()).isEqualTo("a-key");
  }

  @Test
  void list_withALimitAboveTheCount_isComplete() {
    createAll(MIXED_NAMES);

    KeyListing listing = store.list("", "", 100);

    assertThat(listing.names()).containsExactlyElementsOf(usable(MIXED_NAMES_SORTED));
    assertThat(listing.continueAt()).isEmpty();
  }

  @Test
  void list_walkingPagesByCursor_returnsEveryNameOnce_inOrder() {
    createAll(MIXED_NAMES);

    assertThat(walk("", 3)).containsExactlyElementsOf(usable(MIXED_NAMES_SORTED));
    assertThat(walk("", 1)).containsExactlyElementsOf(usable(MIXED_NAMES_SORTED));
  }

  @Test
  void list_walkingPagesByCursor_withAPrefix_returnsEveryMatchingNameOnce() {
    createAll(MIXED_NAMES);

    assertThat(walk("my", 2))
        .containsExactlyElementsOf(usable(List.of("my-key", "my-key2", "my_key")));
  }

  private List<String> walk(String prefix, int limit) {
    List<String> all = new ArrayList<>();
    String cursor = "";
    for (int pages = 0; pages <= MIXED_NAMES.size(); pages++) {
      KeyListing page = store.list(prefix, cursor, limit);
      assertThat(page.names()).hasSizeLessThanOrEqualTo(limit);
      all.addAll(page.names());
      if (page.continueAt().isEmpty()) {
        return all;
      }
      cursor = page.continueAt();
    }
    throw new AssertionError("the listing did not end: " + all);
  }

  @Test
  void status_returnsANonNegativeLatency() {
    Duration latency = store.status();

    assertThat(latency.isNegative()).as("latency %s is negative", latency).isFalse();
  }

  @Test
  void description_isNotBlank() {
    assertThat(store.description()).isNotBlank();
  }

  @Test
  void concurrentCreates_ofOneName_haveExactlyOneWinner_whoseValueIsStored() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        byte[] value = bytes("value-" + i);
        Callable<byte[]> create =
            () -> {
              ready.countDown();
              go.await();
              store.create("contended-key", value);
              return value;
            };
        results.add(pool.submit(create));
      }
      ready.await();
      go.countDown();

      List<byte[]> winners = new ArrayList<>();
      for (Future<byte[]> result : results) {
        try {
          winners.add(result.get(30, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(EntryExistsException.class);
        }
      }
      assertThat(winners).hasSize(1);
      assertThat(store.get("contended-key")).isEqualTo(winners.get(0));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aValueOfMaxValueBytes_roundTrips() {
    byte[] value = new byte[maxValueBytes()];
    new Random(42).nextBytes(value);

    store.create("large-key", value);

    assertThat(Arrays.equals(store.get("large-key"), value)).isTrue();
  }

  @Test
  void aValueInKesFormat_roundTripsByteForByte() {
    // docs/keystores/README.md#what-is-stored: the text KES stores, base64 of a protobuf
    // KeyVersion.
    byte[] value =
        bytes(
            "CiQKIMiHG7XrN94FuwblJJor4f7f6rbqAl7DwsLaiIoyz0D2EAESJAognLXl4yqa4cjZTcSbsU6sNnN8kP9A"
                + "RWkXwa20YQZa9HgQARoMCNithK0GEID67qYDIkAzZWNmY2RmMzhmY2JlMTQxYWUyNmExMDMwZjgxZTk2"
                + "Yjc1MzM2NWE0Njc2MGFlNmI1Nzg2OThhOTdjNTlmZDIy");

    store.create("kes-key", value);

    assertThat(store.get("kes-key")).isEqualTo(value);
  }

  @Test
  void namesWithDashesUnderscoresAndDigits_work() {
    List<String> names =
        usable(List.of("my-key", "my_key", "_key-", "KEY_2024-01", "a", "-key-"));
    createAll(names);

    for (String name : names) {
      assertThat(store.get(name)).isEqualTo(bytes("value of " + name));
    }
    assertThat(store.list("", "", 0).names()).containsExactlyInAnyOrderElementsOf(names);
  }

  @Test
  void toString_neverContainsAStoredValue() {
    store.create("my-key", bytes("secret-value-do-not-print"));

    assertThat(store.toString()).doesNotContain("secret-value-do-not-print");
    assertThat(store.description()).doesNotContain("secret-value-do-not-print");
  }

  // ---- key rotation (docs/rotation.md): version entries named <name>-v<N>- ----

  /** The longest key name KES allows (80), in the characters every backend accepts. */
  private static final String LONG_NAME = "rotated-" + "k".repeat(64) + "-0123456";

  private static String versionEntry(String name, int n) {
    return name + "-v" + n + "-";
  }

  private static byte[] versionValue(int n, String winner) {
    // The shape of a version entry: one line of ASCII JSON around a stored key.
    return bytes("{\"version\":" + n + ",\"bound_to\":\"0123456789abcdef0123456789abcdef\","
        + "\"key\":\"" + winner + "\"}");
  }

  @Test
  void versionEntryNames_ofTheLongestKeyName_areCreatedReadListedAndDeleted() {
    assertThat(LONG_NAME).hasSize(80);
    store.create(LONG_NAME, bytes("CiQKIA=="));
    List<String> entries =
        List.of(versionEntry(LONG_NAME, 2), versionEntry(LONG_NAME, 10),
            versionEntry(LONG_NAME, 123456789));
    for (String entry : entries) {
      store.create(entry, versionValue(2, entry.substring(entry.length() - 6)));
      assertThatThrownBy(() -> store.create(entry, bytes("other")))
          .isInstanceOf(EntryExistsException.class);
    }
    for (String entry : entries) {
      assertThat(store.get(entry)).isEqualTo(versionValue(2, entry.substring(entry.length() - 6)));
    }
    assertThatThrownBy(() -> store.get(versionEntry(LONG_NAME, 3)))
        .isInstanceOf(EntryNotFoundException.class);
    List<String> all = new ArrayList<>(entries);
    all.add(LONG_NAME);
    assertThat(store.list(LONG_NAME, "", 0).names()).containsExactlyInAnyOrderElementsOf(all);
    // Versions are deleted highest first, then the key's own entry.
    for (int i = entries.size() - 1; i >= 0; i--) {
      store.delete(entries.get(i));
      String gone = entries.get(i);
      assertThatThrownBy(() -> store.get(gone)).isInstanceOf(EntryNotFoundException.class);
    }
    assertThat(store.get(LONG_NAME)).isEqualTo(bytes("CiQKIA=="));
    store.delete(LONG_NAME);
    assertThat(store.list(LONG_NAME, "", 0).names()).isEmpty();
  }

  /**
   * Rotators on several servers each create the next free version entry, and take the number after
   * it when another one won: every number goes to exactly one of them, and its value is the
   * winner's.
   */
  @Test
  void concurrentRotators_takeEachVersionNumberExactlyOnce() throws Exception {
    int threads = 4;
    int perThread = 3;
    String key = "rotated-key";
    store.create(key, bytes("CiQKIA=="));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String me = "t" + t;
        results.add(pool.submit(() -> {
          go.await();
          List<Integer> won = new ArrayList<>();
          int n = 2;
          while (won.size() < perThread) {
            try {
              store.create(versionEntry(key, n), versionValue(n, me));
              won.add(n);
            } catch (EntryExistsException e) {
              // another rotator has it: take the next
            }
            n++;
          }
          return won;
        }));
      }
      go.countDown();
      List<Integer> every = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<Integer> won = results.get(t).get(45, TimeUnit.SECONDS);
        for (int n : won) {
          assertThat(store.get(versionEntry(key, n))).isEqualTo(versionValue(n, "t" + t));
        }
        every.addAll(won);
      }
      assertThat(every).doesNotHaveDuplicates().hasSize(threads * perThread);
      for (int n = 2; n < 2 + threads * perThread; n++) {
        assertThat(every).contains(n);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
