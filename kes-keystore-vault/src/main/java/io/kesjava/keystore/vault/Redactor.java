package io.kesjava.keystore.vault;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Pattern;

/**
 * Scrubs secrets out of text that Vault sent back (error messages may echo a request: AppRole's
 * {@code invalid role_id "..."}, a transit error quoting the ciphertext) before the text reaches an
 * exception message or a log.
 *
 * <p>It replaces every known secret (login credentials, tokens issued to this store, and the values
 * of the request at hand) and anything shaped like a Vault token.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
final class Redactor {

  static final String REDACTED = "<redacted>";

  /** Longest Vault error text carried into a message. */
  static final int MAX_TEXT = 1024;

  /** Vault service, batch and recovery tokens (hvs., hvb., hvr.; legacy s., b., r.). */
  private static final Pattern TOKEN =
      Pattern.compile("\\b(?:hv[sbr]|[sbr])\\.[A-Za-z0-9_\\-.]{16,}");

  /** Shorter strings are not scrubbed: they would eat ordinary words. */
  private static final int MIN_SECRET = 4;

  private final Set<String> secrets = new CopyOnWriteArraySet<>();

  /** Remembers {@code secret} for every later {@link #scrub}. */
  void add(String secret) {
    if (secret != null && secret.length() >= MIN_SECRET) {
      secrets.add(secret);
    }
  }

  /** Forgets {@code secret}, such as a token that was replaced. */
  void remove(String secret) {
    if (secret != null) {
      secrets.remove(secret);
    }
  }

  /** {@code text} with every known secret, every one of {@code extra} and token shapes replaced. */
  String scrub(String text, Collection<String> extra) {
    String out = text;
    for (String secret : extra) {
      out = replace(out, secret);
    }
    for (String secret : secrets) {
      out = replace(out, secret);
    }
    out = TOKEN.matcher(out).replaceAll(REDACTED);
    if (out.length() > MAX_TEXT) {
      out = out.substring(0, MAX_TEXT) + "...";
    }
    return out;
  }

  String scrub(String text) {
    return scrub(text, Set.of());
  }

  private static String replace(String text, String secret) {
    if (secret == null || secret.length() < MIN_SECRET) {
      return text;
    }
    return text.replace(secret, REDACTED);
  }
}
