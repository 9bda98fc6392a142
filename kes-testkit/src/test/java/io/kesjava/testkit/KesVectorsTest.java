package io.kesjava.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KesVectorsTest {

  /**
   * The vectors as received from the original, with one deliberate change: the metadata line
   * {@code companion_spec} names this project's own docs pages instead of notes users do not have.
   * Every vector is byte for byte as received; any other change must update this hash on purpose.
   */
  private static final String SHA256 =
      "5389887abaac858ead0b0931d0fc929a565d21066f6e09cc2343d0d8376d6609";

  @Test
  void theFile_isTheReceivedVectorsFile_withItsDocsLine_byteForByte() throws Exception {
    byte[] bytes = KesVectors.bytes();

    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
        .isEqualTo(SHA256);
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .startsWith("{")
        .contains("\"title\": \"KES test vectors\"")
        .contains("\"companion_spec\": \"docs/formats.md and docs/http-api.md\"")
        .contains("\"vectors\"");
  }

  @Test
  void read_handsTheReaderTheWholeFile() {
    int length = KesVectors.read(in -> in.readAllBytes().length);

    assertThat(length).isEqualTo(KesVectors.bytes().length).isGreaterThan(100_000);
  }
}
