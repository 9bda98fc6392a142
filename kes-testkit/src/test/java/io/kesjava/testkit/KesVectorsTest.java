package io.kesjava.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KesVectorsTest {

  /** The file every module's copy held before there was one copy; a change is deliberate. */
  private static final String SHA256 =
      "e160cf196afececd49701d4f32e8dbebf2b41155350e7a8d0c7a7e0bdffff9fb";

  @Test
  void theFile_isTheSharedVectorsFile_byteForByte() throws Exception {
    byte[] bytes = KesVectors.bytes();

    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
        .isEqualTo(SHA256);
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .startsWith("{")
        .contains("\"title\": \"KES test vectors\"")
        .contains("\"vectors\"");
  }

  @Test
  void read_handsTheReaderTheWholeFile() {
    int length = KesVectors.read(in -> in.readAllBytes().length);

    assertThat(length).isEqualTo(KesVectors.bytes().length).isGreaterThan(100_000);
  }
}
