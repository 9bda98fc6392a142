package io.kesjava.keystore.gcp;

import io.kesjava.keystore.internal.GoJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The service-account JSON document KES makes from the four {@code credentials} settings ({@code
 * docs/keystores/gcp.md}), field for field and in the same order, so that Google's library reads
 * the same credentials from it as KES does.
 *
 * <p>Security: the result holds a private key; it is handed to Google's parser and never kept,
 * logged or printed.
 */
final class ServiceAccountJson {

  private ServiceAccountJson() {}

  /**
   * The JSON document. In {@code privateKey}, the two-character sequence backslash-n becomes a
   * newline, as KES does, so that a PEM key fits on one line of YAML.
   */
  static String of(
      String projectId, String clientEmail, String clientId, String privateKeyId, String privateKey) {
    StringBuilder json = new StringBuilder(privateKey.length() + 1024).append('{');
    field(json, "type", "service_account").append(',');
    field(json, "project_id", projectId).append(',');
    field(json, "private_key_id", privateKeyId).append(',');
    field(json, "private_key", privateKey.replace("\\n", "\n")).append(',');
    field(json, "client_email", clientEmail).append(',');
    field(json, "client_id", clientId).append(',');
    field(json, "auth_uri", "https://accounts.google.com/o/oauth2/auth").append(',');
    field(json, "token_uri", "https://accounts.google.com/o/oauth2/token").append(',');
    field(json, "auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs")
        .append(',');
    field(
        json,
        "client_x509_cert_url",
        "https://www.googleapis.com/robot/v1/metadata/x509/"
            + queryEscape(clientEmail));
    return json.append('}').toString();
  }

  /** Go's {@code url.QueryEscape}: like {@link URLEncoder}, but {@code ~} stays and {@code *} not. */
  static String queryEscape(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
  }

  private static StringBuilder field(StringBuilder json, String name, String value) {
    return GoJson.quote(GoJson.quote(json, name).append(':'), value);
  }
}
