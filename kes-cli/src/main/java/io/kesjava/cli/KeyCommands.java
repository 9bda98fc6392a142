package io.kesjava.cli;

import io.kesjava.client.KesClient;
import io.kesjava.core.DataKey;
import io.kesjava.core.KeyInfo;
import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.BiConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kes key ...} (see docs/cli.md). */
final class KeyCommands {

  private KeyCommands() {}

  @Command(name = "key", description = "Manage cryptographic keys.",
      synopsisSubcommandLabel = "<command>")
  static final class Group {
    @Mixin HelpOption help;
  }

  static CommandLine command(Cli cli) {
    CommandLine key = new CommandLine(new Group());
    key.addSubcommand("create", new Create(cli));
    key.addSubcommand("import", new Import(cli));
    key.addSubcommand("info", new Info(cli));
    key.addSubcommand("ls", new Ls(cli));
    key.addSubcommand("rm", new Rm(cli));
    key.addSubcommand("rotate", new Rotate(cli));
    key.addSubcommand("encrypt", new Encrypt(cli));
    key.addSubcommand("decrypt", new Decrypt(cli));
    key.addSubcommand("dek", new Dek(cli));
    return key;
  }

  @Command(name = "create", description = "Create one or more keys.",
      customSynopsis = "kes key create [-k] <name>...")
  static final class Create extends EachKey {
    Create(Cli cli) {
      super(cli, "failed to create key", KesClient::createKey);
    }
  }

  @Command(name = "import", description = "Import a 32-byte AES256 key, given in base64.",
      customSynopsis = "kes key import [-k] <name> <base64-key>")
  static final class Import extends ClientCommand {
    private byte[] key;

    Import(Cli cli) {
      super(cli);
    }

    @Override
    void checkArgs() {
      arg(0, "no key name specified");
      String text = arg(1, "no crypto key specified");
      atMost(2);
      key = base64(text, "key");
    }

    @Override
    void run(KesClient kes) {
      String name = args.get(0);
      try {
        Failures.run("failed to import key \"" + name + "\"",
            () -> kes.importKey(name, KeyAlgorithm.AES256, key));
      } finally {
        Arrays.fill(key, (byte) 0);
      }
    }
  }

  @Command(name = "info", description = "Describe a key.",
      customSynopsis = "kes key info [-k] [--json] <name>")
  static final class Info extends NameCommand<KeyInfo> {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    Info(Cli cli) {
      super(cli, "no key name specified", "failed to describe key", KesClient::describeKey);
    }

    @Override
    void print(String name, KeyInfo info) {
      List<Object> versions = null;
      if (!info.versions().isEmpty()) {
        versions = new ArrayList<>();
        for (KeyInfo.Version v : info.versions()) {
          versions.add(Output.object("version", v.version(),
              "created_at", Output.goTime(v.createdAt()),
              "created_by", v.createdBy().isEmpty() ? null : v.createdBy()));
        }
      }
      if (json) {
        cli.out().println(Output.json(Output.object("name", info.name(),
            "algorithm", info.algorithm().apiName(), "created_at", Output.goTime(info.createdAt()),
            "created_by", info.createdBy().isEmpty() ? null : info.createdBy(),
            "version", info.version().orElse(null), "versions", versions), false));
        return;
      }
      Output.labelled(cli.out(), 11, "Name", info.name(), "Algorithm", info.algorithm().apiName(),
          "Date", Output.date(info.createdAt()),
          "Owner", info.createdBy().isEmpty() ? "<unknown>" : info.createdBy());
      if (!info.versions().isEmpty()) {
        Output.labelled(cli.out(), 11, "Version", info.version().orElseThrow());
        cli.out().println("Versions");
        for (KeyInfo.Version v : info.versions()) {
          cli.out().println(String.format("  %-9s%s  %s", v.version(), Output.date(v.createdAt()),
              v.createdBy().isEmpty() ? "<unknown>" : v.createdBy()));
        }
      }
    }
  }

  @Command(name = "rotate", description = "Add a new version of a key and make it current.",
      customSynopsis = "kes key rotate [-k] [--json] <name>")
  static final class Rotate extends NameCommand<String> {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    Rotate(Cli cli) {
      super(cli, "no key name specified", "failed to rotate key", KesClient::rotateKey);
    }

    @Override
    void print(String name, String version) {
      if (json || !cli.terminal()) {
        cli.out().println(Output.json(Output.object("name", name, "version", version), false));
      } else {
        cli.out().println("Rotated key '" + name + "': version " + version + " is current");
      }
    }
  }

  @Command(name = "ls", description = "List keys; a trailing '*' matches any suffix.",
      customSynopsis = "kes key ls [-k] [--json] [<pattern>]")
  static final class Ls extends ListCommand {
    Ls(Cli cli) {
      super(cli, "Key", "failed to list keys", "*", KesClient::listKeys);
    }
  }

  @Command(name = "rm", description = "Delete one or more keys.",
      customSynopsis = "kes key rm [-k] <name>...")
  static final class Rm extends EachKey {
    Rm(Cli cli) {
      super(cli, "failed to remove key", KesClient::deleteKey);
    }
  }

  /**
   * {@code create} and {@code rm}: the call for each name in turn; the first failure, {@code
   * <failure> "<name>": <server message>}, ends the command.
   */
  private abstract static class EachKey extends ClientCommand {
    private final String failure;
    private final BiConsumer<KesClient, String> call;

    EachKey(Cli cli, String failure, BiConsumer<KesClient, String> call) {
      super(cli, "no key name specified", -1);
      this.failure = failure;
      this.call = call;
    }

    @Override
    final void run(KesClient kes) {
      for (String name : args) {
        Failures.run(failure + " \"" + name + "\"", () -> call.accept(kes, name));
      }
    }
  }

  @Command(name = "encrypt", description = "Encrypt a message (its UTF-8 bytes) with a key.",
      customSynopsis = "kes key encrypt [-k] <name> <message>")
  static final class Encrypt extends ClientCommand {
    Encrypt(Cli cli) {
      super(cli);
    }

    @Override
    void checkArgs() {
      arg(0, "no key name specified");
      arg(1, "no message specified");
      atMost(2);
    }

    @Override
    void run(KesClient kes) {
      byte[] message = args.get(1).getBytes(StandardCharsets.UTF_8);
      byte[] ct = Failures.get("failed to encrypt message",
          () -> kes.encrypt(args.get(0), message, new byte[0]));
      printValues(cli, "ciphertext", Base64.getEncoder().encodeToString(ct));
    }
  }

  @Command(name = "decrypt", description = "Decrypt a base64 ciphertext with a key.",
      customSynopsis = "kes key decrypt [-k] <name> <base64-ciphertext> [<base64-context>]")
  static final class Decrypt extends ClientCommand {
    private byte[] ciphertext;
    private byte[] context;

    Decrypt(Cli cli) {
      super(cli);
    }

    @Override
    void checkArgs() {
      arg(0, "no key name specified");
      ciphertext = base64(arg(1, "no ciphertext specified"), "ciphertext");
      atMost(3);
      context = args.size() > 2 ? base64(args.get(2), "context") : new byte[0];
    }

    @Override
    void run(KesClient kes) {
      try (SecretBytes pt = Failures.get("failed to decrypt ciphertext",
          () -> kes.decrypt(args.get(0), ciphertext, context))) {
        byte[] plain = pt.bytes();
        String b64 = Base64.getEncoder().encodeToString(plain);
        Arrays.fill(plain, (byte) 0);
        printValues(cli, "plaintext", b64);
      }
    }
  }

  @Command(name = "dek", description = "Generate a data encryption key.",
      customSynopsis = "kes key dek [-k] <name> [<base64-context>]")
  static final class Dek extends ClientCommand {
    private byte[] context;

    Dek(Cli cli) {
      super(cli);
    }

    @Override
    void checkArgs() {
      arg(0, "no key name specified");
      atMost(2);
      context = args.size() > 1 ? base64(args.get(1), "context") : new byte[0];
    }

    @Override
    void run(KesClient kes) {
      try (DataKey dek = Failures.get("failed to generate data key",
          () -> kes.generateKey(args.get(0), context))) {
        byte[] plain = dek.plaintext().bytes();
        String pt = Base64.getEncoder().encodeToString(plain);
        Arrays.fill(plain, (byte) 0);
        String ct = Base64.getEncoder().encodeToString(dek.ciphertext());
        printValues(cli, "plaintext", pt, "ciphertext", ct, "version", dek.version().orElse(null));
      }
    }
  }

  /**
   * Prints the answer of {@code encrypt}, {@code decrypt} and {@code dek}: on a terminal a blank
   * line, then {@code name: value} per line with the values aligned; else one JSON object. A
   * {@code null} value is left out.
   *
   * @param namesAndValues pairs: a name, then its value
   */
  private static void printValues(Cli cli, String... namesAndValues) {
    if (!cli.terminal()) {
      cli.out().println(Output.json(Output.object((Object[]) namesAndValues), false));
      return;
    }
    int width = 0;
    for (int i = 0; i < namesAndValues.length; i += 2) {
      width = Math.max(width, namesAndValues[i].length() + 2);
    }
    StringBuilder text = new StringBuilder("\n");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        text.append(String.format("%-" + width + "s", namesAndValues[i] + ":"))
            .append(namesAndValues[i + 1]).append('\n');
      }
    }
    cli.out().print(text.toString());
  }
}
