package io.kesjava.cli;

import io.kesjava.core.ApiKey;
import io.kesjava.core.Identity;
import io.kesjava.core.tls.Pem;
import io.kesjava.keystore.pem.Der;
import io.kesjava.keystore.pem.PemBlock;
import io.kesjava.keystore.pem.PemCodec;
import io.kesjava.keystore.pem.PemException;
import io.kesjava.server.IoMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code kes identity [<api-key | file>]} ({@code docs/cli.md#identities-and-api-keys}): without an
 * argument a new API key; with an API key its identity; with a PEM file the identity of its first
 * certificate, or the API key of its first (Ed25519, PKCS#8) private key. The sub-commands {@code
 * new}, {@code of}, {@code info} and {@code ls} do the rest.
 */
@Command(
    name = "identity",
    description = "Compute identities, create API keys and certificates, describe identities.",
    synopsisSubcommandLabel = "<command>")
final class IdentityCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  @Parameters(arity = "0..*", paramLabel = "<api-key | file>", hidden = true)
  List<String> args = new ArrayList<>();

  private final Cli context;

  IdentityCommand(Cli context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (args.size() > 1) {
      throw new CliException("too many arguments");
    }
    if (args.isEmpty()) {
      try (ApiKey key = ApiKey.generate()) {
        if (context.terminal()) {
          context.out().println("API Key:  " + key.revealText());
          context.out().println("Identity: " + key.identity());
          context.out().println();
          context.out().println("Keep the API key secret. Show its identity again with:");
          context.out().println("  $ kes identity <api-key>");
        } else {
          context.out().print(key.revealText());
        }
      }
      return 0;
    }
    String arg = args.get(0);
    if (arg.startsWith("kes:v1:")) {
      try (ApiKey key = ApiKey.parse(arg)) {
        print("Identity: ", key.identity().value());
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
      return 0;
    }
    return ofFile(arg);
  }

  private int ofFile(String file) {
    String pem;
    try {
      pem = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new CliException("failed to read '" + file + "': " + IoMessages.of(e));
    }
    String invalid = "'" + file + "' contains no valid PEM certificate or private key";
    List<PemBlock> blocks;
    try {
      blocks = PemCodec.decode(pem);
    } catch (PemException e) {
      throw new CliException(invalid);
    }
    try {
      for (PemBlock block : blocks) {
        String type = block.type();
        if (type.equals("CERTIFICATE")) {
          String one = PemCodec.encode(type, Map.of(), block.bytes());
          print("Identity: ", Identity.of(Pem.parseCertificates(one).get(0)).value());
          return 0;
        }
        if (type.endsWith("PRIVATE KEY")) {
          print("API Key: ", apiKeyOf(file, type, block.bytes()));
          return 0;
        }
      }
    } finally {
      blocks.forEach(PemBlock::wipe);
    }
    throw new CliException(invalid);
  }

  /** The content of the OID id-Ed25519, 1.3.101.112. */
  private static final byte[] ED25519 = {0x2b, 0x65, 0x70};

  private static String apiKeyOf(String file, String type, byte[] der) {
    String unsupported =
        "'" + file + "' contains unsupported private key. Only ed25519 private keys are supported";
    if (!type.equals("PRIVATE KEY")) {
      throw new CliException(unsupported);
    }
    byte[] raw = new byte[33];
    try {
      // PKCS#8: SEQUENCE { version, AlgorithmIdentifier { id-Ed25519 }, OCTET STRING { seed } }
      List<Der.Element> info = Der.children(der, Der.whole(der, Der.SEQUENCE));
      if (info.size() < 3 || info.get(1).tag() != Der.SEQUENCE
          || info.get(2).tag() != Der.OCTET_STRING) {
        throw new IllegalArgumentException("not PKCS#8");
      }
      Der.Element oid = Der.read(der, info.get(1).contentStart(), Der.OID);
      if (!Arrays.equals(oid.content(der), ED25519)) {
        throw new CliException(unsupported);
      }
      Der.Element seed = Der.read(der, info.get(2).contentStart(), Der.OCTET_STRING);
      if (seed.end() - seed.contentStart() != 32) {
        throw new CliException(unsupported);
      }
      System.arraycopy(der, seed.contentStart(), raw, 1, 32);
      return "kes:v1:" + Base64.getEncoder().encodeToString(raw);
    } catch (IllegalArgumentException e) {
      throw new CliException("'" + file + "' contains no valid PEM certificate or private key");
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private void print(String label, String value) {
    if (context.terminal()) {
      context.out().println(label + value);
    } else {
      context.out().print(value);
    }
  }
}
