package io.kesjava.cli;

import io.kesjava.client.KesClient;
import io.kesjava.core.tls.Pem;
import io.kesjava.keystore.pem.PemException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Builds the client of a command from the environment, as KES's CLI does (see docs/cli.md):
 * the first variable of each list that is set wins, even when it is empty.
 */
final class Connection {

  static final String[] SERVER = {"MINIO_KES_SERVER", "KES_SERVER", "MINIO_KMS_KES_ENDPOINT"};
  static final String[] API_KEY = {"MINIO_KES_API_KEY", "KES_API_KEY", "MINIO_KMS_KES_API_KEY"};
  static final String[] KEY_FILE = {"MINIO_KES_KEY_FILE", "KES_CLIENT_KEY", "MINIO_KES_CLIENT_KEY"};
  static final String[] CERT_FILE =
      {"MINIO_KES_CERT_FILE", "KES_CLIENT_CERT", "MINIO_KES_CLIENT_CERT"};

  private Connection() {}

  /** The value of the first variable that is set, or {@code null}. */
  static String lookup(Cli cli, String[] names) {
    for (String name : names) {
      String v = cli.env().apply(name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** The endpoints: split at commas, {@code http://} removed, {@code https://} added. */
  static String[] endpoints(Cli cli) {
    return endpoints(lookup(cli, SERVER));
  }

  /** The endpoints of {@code value}, or of the default server when it is {@code null}. */
  static String[] endpoints(String value) {
    if (value == null) {
      value = "127.0.0.1:7373";
    }
    String[] parts = value.split(",");
    String[] out = new String[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String e = parts[i].strip();
      if (e.startsWith("http://")) {
        e = e.substring("http://".length());
      }
      out[i] = e.startsWith("https://") ? e : "https://" + e;
    }
    return out;
  }

  /**
   * The client for a command.
   *
   * @throws CliException with KES's messages when the credentials are missing or conflict
   */
  static KesClient client(Cli cli, ClientOptions options) {
    return client(cli, options, null, null);
  }

  /**
   * The client for a command that names its server or API key with a flag ({@code kes ls -s HOST
   * -a KEY}): a non-empty {@code server} replaces the server variables, a non-empty {@code
   * apiKey} replaces the credential variables (the key and certificate files are then not read).
   */
  static KesClient client(Cli cli, ClientOptions options, String server, String apiKeyFlag) {
    options.check();
    boolean flagKey = apiKeyFlag != null && !apiKeyFlag.isEmpty();
    String apiKey = flagKey ? apiKeyFlag : empty(lookup(cli, API_KEY));
    String keyFile = flagKey ? null : empty(lookup(cli, KEY_FILE));
    String certFile = flagKey ? null : empty(lookup(cli, CERT_FILE));
    if (apiKey == null && keyFile == null && certFile == null) {
      throw new CliException("no API key specified. Consider setting MINIO_KES_API_KEY");
    }
    if (apiKey != null && keyFile != null) {
      throw new CliException("API key and private key file cannot be used at the same time");
    }
    if (apiKey != null && certFile != null) {
      throw new CliException("API key and certificate file cannot be used at the same time");
    }
    if (keyFile != null && certFile == null) {
      throw new CliException("no certificate file specified. Consider setting MINIO_KES_CERT_FILE");
    }
    if (certFile != null && keyFile == null) {
      throw new CliException("no private key file specified. Consider setting MINIO_KES_KEY_FILE");
    }
    KesClient.Builder b = KesClient.builder().endpoint(server != null && !server.isEmpty()
        ? endpoints(server) : endpoints(cli));
    if (options.insecure) {
      b.insecureSkipVerify();
    }
    try {
      if (apiKey != null) {
        b.apiKey(apiKey);
      } else {
        char[] password = password(cli, Path.of(keyFile));
        try {
          b.clientCertificate(Path.of(certFile), Path.of(keyFile), password);
        } finally {
          if (password != null) {
            Arrays.fill(password, '\0');
          }
        }
      }
      return b.build();
    } catch (UncheckedIOException e) {
      throw new CliException(e.getMessage());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new CliException(e.getMessage());
    }
  }

  /** Asks for the password of an encrypted key file; {@code null} when it is not encrypted. */
  private static char[] password(Cli cli, Path keyFile) {
    try {
      Pem.readPrivateKey(keyFile, null);
      return null;
    } catch (PemException e) {
      if (!e.getMessage().contains("password required")) {
        throw new CliException("failed to read private key '" + keyFile + "': " + e.getMessage());
      }
    } catch (UncheckedIOException e) {
      throw new CliException(e.getMessage());
    }
    if (cli.passwords() == null) {
      throw new CliException("private key '" + keyFile
          + "' is encrypted, and there is no terminal to ask for its password");
    }
    char[] password = cli.passwords().read("Enter password for private key: ");
    try {
      Pem.readPrivateKey(keyFile, password);
      return password;
    } catch (PemException e) {
      Arrays.fill(password, '\0');
      throw new CliException("incorrect password");
    }
  }

  private static String empty(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
