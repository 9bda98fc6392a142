package io.kesjava.cli;

import io.kesjava.core.ApiKey;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import io.kesjava.server.IoMessages;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The generated material of {@code kes server --dev} (docs/cli.md): a self-signed
 * ECDSA P-256 server certificate for the listen address, a new admin API key, and files a client
 * needs (the server certificate, and the admin's client key and certificate) in a private
 * temporary directory that is deleted when the server stops.
 */
final class DevMode {

  static final String DEFAULT_ADDRESS = "127.0.0.1:7373";

  private final Path directory;
  private final CertifiedKey serverCredential;
  private final ApiKey apiKey;

  private DevMode(Path directory, CertifiedKey serverCredential, ApiKey apiKey) {
    this.directory = directory;
    this.serverCredential = serverCredential;
    this.apiKey = apiKey;
  }

  /** Generates everything and writes the files; {@code host} is the listen IP or empty. */
  static DevMode create(String host) {
    SelfSigned server = SelfSigned.server().validity(Duration.ofDays(90));
    try {
      if (host.isEmpty() || InetAddress.getByName(host).isAnyLocalAddress()) {
        interfaceAddresses().forEach(server::ipAddress);
      } else {
        server.ipAddress(InetAddress.getByName(host));
      }
    } catch (IOException e) {
      throw new CliException("cannot list the network interfaces: " + IoMessages.of(e), e);
    }
    CertifiedKey credential = server.build();
    ApiKey apiKey = ApiKey.generate();
    Path directory;
    try {
      try {
        directory =
            Files.createTempDirectory("kes-dev-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (UnsupportedOperationException e) {
        directory = Files.createTempDirectory("kes-dev-");
      }
    } catch (IOException e) {
      throw new CliException("cannot create a temporary directory: " + IoMessages.of(e), e);
    }
    DevMode dev = new DevMode(directory, credential, apiKey);
    IdentityNewCommand.write(dev.serverCertificateFile(), Pem.encodeCertificate(credential.certificate()), "rw-r--r--");
    IdentityNewCommand.write(dev.clientKeyFile(), Pem.encodePrivateKey(apiKey.privateKey()), "rw-------");
    IdentityNewCommand.write(dev.clientCertificateFile(), Pem.encodeCertificate(apiKey.certificate()), "rw-r--r--");
    return dev;
  }

  private static Stream<InetAddress> interfaceAddresses() throws SocketException {
    return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
        .filter(a -> !a.isLinkLocalAddress())
        .map(a -> a instanceof Inet4Address ? a : stripScope(a));
  }

  private static InetAddress stripScope(InetAddress a) {
    try {
      return InetAddress.getByAddress(a.getAddress());
    } catch (IOException e) {
      return a;
    }
  }

  Path directory() {
    return directory;
  }

  CertifiedKey serverCredential() {
    return serverCredential;
  }

  ApiKey apiKey() {
    return apiKey;
  }

  Path serverCertificateFile() {
    return directory.resolve("server.cert");
  }

  Path clientKeyFile() {
    return directory.resolve("client.key");
  }

  Path clientCertificateFile() {
    return directory.resolve("client.cert");
  }

  /** Deletes the generated files and zeroes the API key (best effort). */
  void deleteFiles() {
    apiKey.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: the directory is in the temporary directory anyway
    }
  }
}
