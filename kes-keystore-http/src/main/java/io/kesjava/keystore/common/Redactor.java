package io.kesjava.keystore.common;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that came from elsewhere (a vendor's error message, an exception's
 * text) before it reaches an exception message or a log: every known secret, and anything of a
 * shape the backend names (such as Vault's token format), is replaced by a mark; overlong text is
 * cut.
 *
 * <p>Secrets are known from the start (credentials), added later (tokens a store receives, with
 * {@link #add}, {@link #remove} or {@link #addRecent}), or passed with one call (the values of the
 * request at hand). Strings shorter than the minimum length are never replaced, so that a very
 * short secret does not eat ordinary words.
 *
 * <pre>{@code
 * Redactor redactor = Redactor.builder().maxLength(512).secret(apiKey).build();
 * String safe = redactor.redact(vendorText);
 * }</pre>
 *
 * <p>Shared plumbing of the key-store backends, not an API for applications: see the {@linkplain
 * io.kesjava.keystore.common package}. Thread-safety: safe for concurrent use.
 */
public final class Redactor {

  /** The default mark. */
  public static final String MARK = "[redacted]";

  private final String mark;
  private final int minLength;
  private final int maxLength;
  private final List<Pattern> shapes;
  private final Set<String> secrets = new CopyOnWriteArraySet<>();
  private final Deque<String> recent = new ArrayDeque<>(); // guarded by itself

  private Redactor(Builder builder) {
    this.mark = builder.mark;
    this.minLength = builder.minLength;
    this.maxLength = builder.maxLength;
    this.shapes = List.copyOf(builder.shapes);
    builder.secrets.forEach(this::add);
  }

  /** A builder: mark {@value #MARK}, every non-empty secret replaced, text never cut. */
  public static Builder builder() {
    return new Builder();
  }

  /** A redactor with the defaults of {@link #builder()} for {@code secrets} (nulls are skipped). */
  public static Redactor of(String... secrets) {
    Builder builder = builder();
    for (String secret : secrets) {
      builder.secret(secret);
    }
    return builder.build();
  }

  /** Replaces {@code secret} from now on; null or too short: ignored. */
  public void add(String secret) {
    if (replaceable(secret)) {
      secrets.add(secret);
    }
  }

  /** Stops replacing {@code secret}, such as a token that was replaced; null is ignored. */
  public void remove(String secret) {
    if (secret != null) {
      secrets.remove(secret);
    }
  }

  /**
   * Replaces {@code token} from now on, together with the one added before it (an answer to a
   * request sent with the older token may still arrive); tokens added earlier are forgotten.
   */
  public void addRecent(String token) {
    synchronized (recent) {
      recent.add(token);
      add(token);
      while (recent.size() > 2) {
        remove(recent.poll());
      }
    }
  }

  /**
   * {@code text} with the known secrets, the secrets of {@code extra} and the shapes replaced by
   * the mark, and cut after the maximum length with {@code ...}; {@code ""} for null.
   */
  public String redact(String text, Collection<String> extra) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String secret : extra) {
      out = replaceable(secret) ? out.replace(secret, mark) : out;
    }
    for (String secret : secrets) {
      out = out.replace(secret, mark);
    }
    for (Pattern shape : shapes) {
      out = shape.matcher(out).replaceAll(mark);
    }
    return maxLength > 0 && out.length() > maxLength ? out.substring(0, maxLength) + "..." : out;
  }

  /** The same as {@code redact(text, Set.of())}. */
  public String redact(String text) {
    return redact(text, Set.of());
  }

  private boolean replaceable(String secret) {
    return secret != null && !secret.isEmpty() && secret.length() >= minLength;
  }

  /** How many secrets it knows, never which. */
  @Override
  public String toString() {
    return "Redactor[" + secrets.size() + " secrets]";
  }

  /**
   * The settings of a {@link Redactor}.
   *
   * <p>Thread-safety: not thread-safe; use from one thread.
   */
  public static final class Builder {

    private String mark = MARK;
    private int minLength = 1;
    private int maxLength;
    private final List<Pattern> shapes = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();

    private Builder() {}

    /** What a secret is replaced by (default {@value Redactor#MARK}). */
    public Builder mark(String mark) {
      this.mark = Objects.requireNonNull(mark, "mark");
      return this;
    }

    /** Secrets shorter than this are not replaced (default 1: every non-empty secret). */
    public Builder minLength(int minLength) {
      this.minLength = Math.max(1, minLength);
      return this;
    }

    /** Text longer than this is cut and ends with {@code ...}; zero (the default) for never. */
    public Builder maxLength(int maxLength) {
      if (maxLength < 0) {
        throw new IllegalArgumentException("maxLength must not be negative");
      }
      this.maxLength = maxLength;
      return this;
    }

    /** Replaces whatever matches {@code shape}, such as a vendor's token format. */
    public Builder shape(Pattern shape) {
      this.shapes.add(Objects.requireNonNull(shape, "shape"));
      return this;
    }

    /** A secret to replace; null or too short: ignored. */
    public Builder secret(String secret) {
      this.secrets.add(secret);
      return this;
    }

    /** Secrets to replace; nulls and too short ones are ignored. */
    public Builder secrets(Collection<String> secrets) {
      this.secrets.addAll(secrets);
      return this;
    }

    /** The redactor. */
    public Redactor build() {
      return new Redactor(this);
    }
  }
}
