package io.kesjava.keystore.gemalto;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.tck.FakeServers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import mockwebserver3.MockWebServer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Properties of listing. */
class GemaltoProperties {

  @Property(tries = 40)
  void walkingPagesByCursor_returnsEveryNameOnce_inByteOrder(
      @ForAll @Size(max = 25)
          Set<@StringLength(min = 1, max = 6) @AlphaChars @NumericChars @Chars({'-', '_'}) String>
              names,
      @ForAll @IntRange(min = 1, max = 7) int pageSize,
      @ForAll @IntRange(min = 1, max = 5) int serverPageSize)
      throws Exception {
    FakeKeySecure keySecure = new FakeKeySecure(Clock.systemUTC());
    keySecure.maxPageSize(serverPageSize);
    try (MockWebServer server = FakeServers.start(keySecure);
        GemaltoKeyStore store =
            GemaltoKeyStore.builder()
                .endpoint(server.url("/").toString())
                .refreshToken(FakeKeySecure.REFRESH_TOKEN)
                .retryBackoff(Duration.ZERO, Duration.ZERO)
                .build()) {
      for (String name : names) {
        store.create(name, new byte[] {1});
      }

      List<String> walked = new ArrayList<>();
      String cursor = "";
      for (int pages = 0; pages <= names.size() + 1; pages++) {
        KeyListing page = store.list("", cursor, pageSize);
        assertThat(page.names()).hasSizeLessThanOrEqualTo(pageSize);
        walked.addAll(page.names());
        cursor = page.continueAt();
        if (cursor.isEmpty()) {
          break;
        }
      }

      TreeSet<String> expected = new TreeSet<>(KeyListing::compareBytes);
      expected.addAll(names);
      assertThat(walked).containsExactlyElementsOf(expected);
    }
  }
}
