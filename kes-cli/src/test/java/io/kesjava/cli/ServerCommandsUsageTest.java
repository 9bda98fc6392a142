package io.kesjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerCommandsUsageTest {

  @Test
  void noArguments_printsUsageToStderrWithStatus2() {
    CliRun cli = new CliRun().run();
    assertThat(cli.status).isEqualTo(2);
    assertThat(cli.err()).contains("Usage: kes").contains("server").contains("identity");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void help_printsUsageToStderrWithStatus2() {
    assertThat(new CliRun().run("--help").status).isEqualTo(2);
    CliRun server = new CliRun().run("server", "-h");
    assertThat(server.status).isEqualTo(2);
    assertThat(server.err()).contains("kes server").contains("--config").contains("--dev");
    CliRun identityNew = new CliRun().run("identity", "new", "--help");
    assertThat(identityNew.status).isEqualTo(2);
    assertThat(identityNew.err()).contains("--expiry");
  }

  @Test
  void kesWithoutCommand_printsUsage() {
    CliRun cli = new CliRun().run();
    assertThat(cli.status).isEqualTo(2);
    assertThat(cli.err()).contains("Usage: kes").contains("server").contains("identity");
    CliRun identity = new CliRun().run("identity", "--help");
    assertThat(identity.status).isEqualTo(2);
    assertThat(identity.err()).contains("Usage: kes identity").contains("of").contains("new");
  }

  @Test
  void version_printsVersionAndRuntime() {
    CliRun cli = new CliRun().run("--version");
    assertThat(cli.status).isZero();
    assertThat(cli.out()).startsWith("Version     ").contains("Runtime     Java ");
  }

  @Test
  void unknownCommand_failsWithKesMessage() {
    CliRun cli = new CliRun().run("frobnicate");
    assertThat(cli.status).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("Error: \"frobnicate\" is not a kes command. See 'kes --help'" + System.lineSeparator());
    // kes identity <file>: an argument that is no sub-command is a file
    // (docs/cli.md#identities-and-api-keys)
    assertThat(new CliRun().run("identity", "rm").err())
        .isEqualTo("Error: failed to read 'rm': no such file or directory" + System.lineSeparator());
  }

  @Test
  void badFlag_failsWithOneLineAndHelpHint() {
    CliRun cli = new CliRun().run("server", "--bogus");
    assertThat(cli.status).isEqualTo(1);
    assertThat(cli.err()).startsWith("Error: ").endsWith("See 'kes server --help'" + System.lineSeparator());
    assertThat(cli.err().lines()).hasSize(1);
    CliRun missingValue = new CliRun().run("server", "--config");
    assertThat(missingValue.status).isEqualTo(1);
    assertThat(missingValue.err()).contains("--config").endsWith("See 'kes server --help'" + System.lineSeparator());
  }
}
