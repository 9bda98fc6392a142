package io.kesjava.keystore.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An {@code EC PRIVATE KEY} without curve parameters, as the JDK's own encoding holds it. */
class CurveGuessTest {

  @Test
  void strictReadingRefusesIt_theKeyStoresReadingGuessesTheCurveFromTheKeyLength()
      throws Exception {
    for (String curve : List.of("secp256r1", "secp384r1", "secp521r1")) {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      PrivateKey key = generator.generateKeyPair().getPrivate();
      // PKCS#8: SEQUENCE { version, algorithm (with the curve), OCTET STRING { ECPrivateKey } };
      // the JDK's inner ECPrivateKey has no [0] parameters.
      byte[] pkcs8 = key.getEncoded();
      Der.Element sec1 = Der.children(pkcs8, Der.whole(pkcs8, Der.SEQUENCE)).get(2);
      String pem = PemCodec.encode("EC PRIVATE KEY", Map.of(), sec1.content(pkcs8));

      assertThatThrownBy(() -> PemReader.parsePrivateKey(pem, null))
          .as(curve)
          .isInstanceOf(PemException.class)
          .hasMessage("EC private key has no curve parameters");
      assertThat(PemReader.parsePrivateKeyGuessingCurve(pem, null).getEncoded())
          .as(curve)
          .isEqualTo(pkcs8);
    }
  }

  @Test
  void guessingDoesNotInventACurveForAnOddKeyLength() {
    // SEQUENCE { INTEGER 1, OCTET STRING (20 bytes) }
    byte[] sec1 = new byte[27];
    sec1[0] = 0x30;
    sec1[1] = 25;
    sec1[2] = 0x02;
    sec1[3] = 1;
    sec1[4] = 1;
    sec1[5] = 0x04;
    sec1[6] = 20;
    String pem = PemCodec.encode("EC PRIVATE KEY", Map.of(), sec1);

    assertThatThrownBy(() -> PemReader.parsePrivateKeyGuessingCurve(pem, null))
        .isInstanceOf(PemException.class)
        .hasMessage("EC private key has no curve parameters");
  }
}
