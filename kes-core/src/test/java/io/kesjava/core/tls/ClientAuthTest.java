package io.kesjava.core.tls;

import static org.assertj.core.api.Assertions.assertThat;

import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

class ClientAuthTest {

  @Test
  void of_followsTlsAuthAndTheSkipAuthDowngrade() {
    assertThat(ClientAuth.of(false, false)).isEqualTo(ClientAuth.REQUIRE_ANY);
    assertThat(ClientAuth.of(true, false)).isEqualTo(ClientAuth.REQUIRE_AND_VERIFY);
    assertThat(ClientAuth.of(false, true)).isEqualTo(ClientAuth.REQUEST);
    assertThat(ClientAuth.of(true, true)).isEqualTo(ClientAuth.VERIFY_IF_GIVEN);
  }

  @Test
  void apply_setsNeedForRequiredModesAndWantForTheOthers() {
    for (ClientAuth mode : ClientAuth.values()) {
      SSLParameters p = mode.apply(new SSLParameters());
      assertThat(p.getNeedClientAuth()).as(mode.name()).isEqualTo(mode.requiresCertificate());
      assertThat(p.getWantClientAuth()).as(mode.name()).isEqualTo(!mode.requiresCertificate());
    }
    assertThat(ClientAuth.REQUIRE_AND_VERIFY.verifiesChain()).isTrue();
    assertThat(ClientAuth.VERIFY_IF_GIVEN.verifiesChain()).isTrue();
    assertThat(ClientAuth.REQUIRE_ANY.verifiesChain()).isFalse();
    assertThat(ClientAuth.REQUEST.verifiesChain()).isFalse();
  }
}
