package io.kesjava.cli;

import io.kesjava.core.ApiKey;
import io.kesjava.core.Identity;
import io.kesjava.core.tls.Pem;
import io.kesjava.server.IoMessages;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kes identity of <api-key | cert-file>} ({@code docs/cli.md#identities-and-api-keys}). */
@Command(
    name = "of",
    description = "Print the identity of an API key or of a certificate file.",
    customSynopsis = "kes identity of [-h] <api-key | certificate-file>")
final class IdentityOfCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  @Parameters(arity = "0..*", paramLabel = "<api-key | certificate-file>")
  List<String> args = new ArrayList<>();

  private final Cli context;

  IdentityOfCommand(Cli context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (args.isEmpty()) {
      throw new CliException("no API key or certificate specified. See 'kes identity of --help'");
    }
    if (args.size() > 1) {
      throw new CliException("too many arguments. See 'kes identity of --help'");
    }
    String arg = args.get(0);
    Identity identity;
    if (arg.startsWith("kes:v1:")) {
      try (ApiKey key = ApiKey.parse(arg)) {
        identity = key.identity();
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
    } else {
      try {
        identity = Identity.of(Pem.readCertificates(Path.of(arg)).get(0));
      } catch (UncheckedIOException e) {
        throw new CliException("failed to read '" + arg + "': " + IoMessages.of(e));
      } catch (IllegalArgumentException e) {
        throw new CliException("failed to read certificate '" + arg + "': " + e.getMessage());
      }
    }
    if (context.terminal()) {
      context.out().println("Identity: " + identity.value());
    } else {
      context.out().print(identity.value());
    }
    return 0;
  }
}
