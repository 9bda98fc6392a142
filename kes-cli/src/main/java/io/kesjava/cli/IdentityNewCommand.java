package io.kesjava.cli;

import io.kesjava.core.ApiKey;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import io.kesjava.keystore.internal.GoDuration;
import io.kesjava.server.IoMessages;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kes identity new}: a new API key, and with {@code --key}/{@code --cert} its private key
 * and a self-signed certificate in files (docs/cli.md).
 */
@Command(
    name = "new",
    description = "Create a new API key, or a private key and certificate files.",
    customSynopsis =
        "kes identity new [-h] [--key FILE --cert FILE] [--ip IP]... [--dns NAME]... [--expiry DURATION] [--encrypt] [-f] [SUBJECT]")
final class IdentityNewCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  @Option(names = "--key", paramLabel = "FILE", description = "Write the private key (PKCS#8 v1 PEM, as OpenSSL reads it) to FILE.")
  String keyFile;

  @Option(names = "--cert", paramLabel = "FILE", description = "Write the certificate (PEM) to FILE.")
  String certFile;

  @Option(names = "--ip", paramLabel = "IP", description = "Add an IP address SAN; repeat or separate with commas.")
  List<String> ips = new ArrayList<>();

  @Option(names = "--dns", paramLabel = "NAME", description = "Add a DNS name SAN; repeat or separate with commas.")
  List<String> dnsNames = new ArrayList<>();

  @Option(names = "--expiry", paramLabel = "DURATION", description = "How long the certificate is valid (Go duration, default 720h).")
  String expiry;

  @Option(names = "--encrypt", description = "Encrypt the private key with a password (asked for).")
  boolean encrypt;

  @Option(names = {"-f", "--force"}, description = "Overwrite existing files.")
  boolean force;

  @Parameters(arity = "0..*", paramLabel = "SUBJECT", description = "The certificate's common name (default: the identity).")
  List<String> subject = new ArrayList<>();

  private final Cli context;

  IdentityNewCommand(Cli context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (subject.size() > 1) {
      throw new CliException("too many arguments. See 'kes identity new --help'");
    }
    boolean files = keyFile != null || certFile != null;
    if (!files) {
      requireFiles(encrypt, "--encrypt");
      requireFiles(force, "--force");
      requireFiles(expiry != null, "--expiry");
      requireFiles(!ips.isEmpty(), "--ip");
      requireFiles(!dnsNames.isEmpty(), "--dns");
    }
    if (keyFile != null && certFile == null) {
      throw new CliException("private key file specified but no certificate file. Set the '--cert' flag");
    }
    if (certFile != null && keyFile == null) {
      throw new CliException("certificate file specified but no private key file. Set the '--key' flag");
    }
    Duration validity = validity();
    List<InetAddress> addresses = addresses();
    List<String> names = split(dnsNames);
    try (ApiKey apiKey = ApiKey.generate()) {
      if (!files) {
        context.out().println("API Key:     " + apiKey.revealText());
        context.out().println("Identity:    " + apiKey.identity().value());
        context.out().println();
        context.out().println("The API key is a secret: it is shown only this once. The identity is not secret;");
        context.out().println("put it in a policy of the server's config file or use it as admin.identity.");
        return 0;
      }
      Path key = Path.of(keyFile);
      Path cert = Path.of(certFile);
      if (!force && Files.exists(key)) {
        throw new CliException("private key already exists. Use --force to overwrite it");
      }
      if (!force && Files.exists(cert)) {
        throw new CliException("certificate already exists. Use --force to overwrite it");
      }
      PrivateKey privateKey = apiKey.privateKey();
      SelfSigned builder =
          SelfSigned.builder()
              .keyPair(new KeyPair(apiKey.publicKey(), privateKey))
              .commonName(subject.isEmpty() ? apiKey.identity().value() : subject.get(0))
              .validity(validity)
              .serverAuth()
              .clientAuth();
      names.forEach(builder::dnsName);
      addresses.forEach(builder::ipAddress);
      CertifiedKey certified = builder.build();
      String keyPem;
      if (encrypt) {
        char[] password = password();
        try {
          keyPem = Pem.encodeEncryptedPrivateKey(privateKey, password);
        } finally {
          Arrays.fill(password, '\0');
        }
      } else {
        keyPem = Pem.encodePrivateKey(privateKey);
      }
      write(key, keyPem, "rw-------");
      write(cert, Pem.encodeCertificate(certified.certificate()), "rw-r--r--");
      context.out().println("API Key:     " + apiKey.revealText());
      context.out().println("Identity:    " + apiKey.identity().value());
      context.out().println("Private key: " + key);
      context.out().println("Certificate: " + cert);
      context.out().println();
      context.out().println("The API key and the private key are secrets. Check the certificate's identity with:");
      context.out().println("  kes identity of " + cert);
      return 0;
    }
  }

  private static void requireFiles(boolean given, String flag) {
    if (given) {
      throw new CliException("'" + flag + "' requires a private key and certificate file. Set the '--cert' and '--key' flag");
    }
  }

  private Duration validity() {
    if (expiry == null) {
      return Duration.ofHours(720);
    }
    Duration d;
    try {
      d = GoDuration.parse(expiry);
    } catch (IllegalArgumentException e) {
      throw new CliException("invalid expiry '" + expiry + "': " + e.getMessage());
    }
    if (d.isNegative() || d.isZero()) {
      throw new CliException("invalid expiry '" + expiry + "': must be positive");
    }
    return d;
  }

  private List<InetAddress> addresses() {
    List<InetAddress> out = new ArrayList<>();
    for (String ip : split(ips)) {
      if (!ip.matches("[0-9A-Fa-f:.]+") || !(ip.contains(".") || ip.contains(":"))) {
        throw new CliException("invalid IP address '" + ip + "'");
      }
      try {
        out.add(InetAddress.getByName(ip)); // a literal: no lookup
      } catch (UnknownHostException e) {
        throw new CliException("invalid IP address '" + ip + "'");
      }
    }
    return out;
  }

  private static List<String> split(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  private char[] password() {
    if (context.passwords() == null) {
      throw new CliException("cannot read a password: standard input is not a terminal");
    }
    char[] first = context.passwords().read("Enter password for private key: ");
    char[] second = context.passwords().read("Confirm password for private key: ");
    try {
      if (first == null || second == null || first.length == 0) {
        throw new CliException("no password given");
      }
      if (!Arrays.equals(first, second)) {
        throw new CliException("passwords don't match");
      }
      return first.clone();
    } finally {
      if (first != null) {
        Arrays.fill(first, '\0');
      }
      if (second != null) {
        Arrays.fill(second, '\0');
      }
    }
  }

  /** Writes a new file with {@code permissions} (POSIX systems), replacing an existing one. */
  static void write(Path file, String text, String permissions) {
    try {
      Files.deleteIfExists(file);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new CliException("failed to write '" + file + "': " + IoMessages.of(e), e);
    }
  }
}
