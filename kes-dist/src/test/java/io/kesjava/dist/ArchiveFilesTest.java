package io.kesjava.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.core.CacheConfig;
import io.kesjava.server.config.ConfigException;
import io.kesjava.server.config.ConfigParser;
import io.kesjava.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The example config and the systemd unit of the archive: the config is one the server accepts,
 * without a warning, and the unit starts the server on it with the folders it names.
 */
class ArchiveFilesTest {

  private static final Path CONFIG = Path.of("src", "conf", "kes-config.yaml");
  private static final Path UNIT = Path.of("src", "systemd", "kes.service");
  private static final String ADMIN = "3ecfcdf38fcbe141ae26a1030f81e96b753365a46760ae6b578698a97c59fd22";
  private static final String APP = "8f5a4c3c7ec2a4f3b5a44ffd71b6a3c3e2c6c3a1f1b0e0d9c8b7a6958473625a";

  @Test
  void theExampleConfigIsValidAndKeepsKeysUnderVarLibKes() {
    ServerConfig config = ConfigParser.builder()
        .environment(Map.of("KES_ADMIN_IDENTITY", ADMIN, "MY_APP_IDENTITY", APP)::get)
        .build()
        .parse(CONFIG);
    assertThat(config.warnings()).isEmpty();
    assertThat(config.address()).isEqualTo("0.0.0.0:7373");
    assertThat(config.admin().value()).isEqualTo(ADMIN);
    assertThat(config.tls().privateKey()).isEqualTo(Path.of("/etc/kes/tls/server.key"));
    assertThat(config.tls().certificate()).isEqualTo(Path.of("/etc/kes/tls/server.cert"));
    assertThat(config.tls().verifyClients()).isFalse();
    assertThat(config.policies()).containsOnlyKeys("my-app", "monitoring");
    assertThat(config.policies().get("my-app").identities()).containsExactly(APP);
    assertThat(config.policies().get("my-app").deny()).hasSize(1);
    assertThat(config.cache())
        .isEqualTo(new CacheConfig(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ZERO));
    assertThat(config.keys()).containsExactly("my-app-default-key");
    assertThat(config.keyStore().backend()).isEqualTo("fs");
    assertThat(config.keyStore().config().string("path")).contains("/var/lib/kes/keys");
  }

  @Test
  void theExampleConfigNamesTheVariableItMisses() {
    ConfigParser parser = ConfigParser.builder()
        .environment(Map.of("MY_APP_IDENTITY", APP)::get)
        .build();
    assertThatThrownBy(() -> parser.parse(CONFIG))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'KES_ADMIN_IDENTITY'");
  }

  @Test
  void theUnitRunsTheArchivesLauncherOnTheConfigAsTheKesUserAndMayWriteOnlyTheKeyFolder()
      throws IOException {
    List<String> lines = directives();
    assertThat(lines).contains(
        "User=kes",
        "ExecStart=/opt/kes-java/bin/kes server --config /etc/kes/config.yaml",
        "ExecReload=/bin/kill -HUP $MAINPID",
        "ProtectSystem=strict",
        "ReadWritePaths=/var/lib/kes",
        "NoNewPrivileges=yes",
        "PrivateTmp=yes",
        "ProtectHome=yes",
        "CapabilityBoundingSet=",
        "LockPersonality=yes",
        "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
        "SystemCallArchitectures=native");
    assertThat(lines).anyMatch(l -> l.startsWith("LimitNOFILE="));
    // The JIT writes code and runs it: with this, the JVM would not start.
    assertThat(lines).noneMatch(l -> l.startsWith("MemoryDenyWriteExecute="));
    // The example config's key folder is inside the one writable path.
    assertThat(Files.readString(CONFIG)).contains("    path: /var/lib/kes/keys\n");
  }

  /** The unit's directives: its lines without comments and blank lines. */
  private static List<String> directives() throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(UNIT)) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#") && !t.startsWith(";")) {
        out.add(t);
      }
    }
    return out;
  }
}
