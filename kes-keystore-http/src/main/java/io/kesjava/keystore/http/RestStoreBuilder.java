package io.kesjava.keystore.http;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.common.Checks;
import io.kesjava.keystore.common.Redactor;
import io.kesjava.keystore.common.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The settings every REST key store shares (Fortanix, Gemalto, Entrust): the endpoint, the CAs of
 * {@code tls.ca}, the per-attempt timeout and the retry backoff ({@code docs/keystores/README.md}).
 * A vendor's builder extends it with its own settings, names them for {@link #toString()} in
 * {@link #describe}, and implements {@link #open}, which {@link #build()} calls once the endpoint
 * is set: it checks the vendor's settings, makes the {@link RestTransport} and connects.
 *
 * <p>Shared plumbing of the REST key-store backends: applications use the vendor's builder, such
 * as {@code FortanixKeyStore.builder()}, and call these setters through it.
 *
 * <p>Thread-safety: not thread-safe; use one builder from one thread.
 *
 * @param <B> the vendor's builder
 * @param <S> the vendor's store, which {@link #build()} returns
 */
public abstract class RestStoreBuilder<B extends RestStoreBuilder<B, S>, S extends RestKeyStore> {

  private final RestVendor vendor;
  private HttpUrl endpoint;
  private TrustedCas trustedCas;
  private Duration timeout = Duration.ofSeconds(10);
  private Duration retryBase = Duration.ofMillis(200);
  private Duration retryJitter = Duration.ofMillis(800);

  /** A builder for {@code vendor}'s store, with KES's defaults. */
  protected RestStoreBuilder(RestVendor vendor) {
    this.vendor = Objects.requireNonNull(vendor, "vendor");
  }

  /**
   * The vendor's endpoint, such as {@code https://sdkms.fortanix.com}; required.
   *
   * @throws IllegalArgumentException if it is not an http or https URL
   */
  public final B endpoint(String endpoint) {
    HttpUrl url = HttpUrl.parse(Objects.requireNonNull(endpoint, "endpoint").trim());
    if (url == null) {
      throw new IllegalArgumentException(
          "not an http or https URL, such as " + vendor.exampleEndpoint());
    }
    this.endpoint = url;
    return self();
  }

  /**
   * Trusts the CA certificates of this PEM file, or of every file of this directory: instead of
   * the system roots (Fortanix, Gemalto) or beside them (Entrust), as in KES ({@code
   * docs/keystores/README.md}). The files are read now.
   *
   * @throws IllegalArgumentException if a file cannot be read or holds no certificate
   */
  public final B caCertificates(Path path) {
    this.trustedCas = TrustedCas.load(Objects.requireNonNull(path, "path"), vendor.systemRoots());
    return self();
  }

  /**
   * How long one attempt of a request may wait to send or read (default 10 s); connecting may
   * take as long as KES allows (30 s; Gemalto: 10 s).
   *
   * @throws IllegalArgumentException if it is not positive
   */
  public final B timeout(Duration timeout) {
    this.timeout = Checks.positive(timeout);
    return self();
  }

  /**
   * The wait between attempts of a failed request: {@code base} plus a random part below {@code
   * jitter}. KES waits 200 ms plus up to 800 ms (the default); tests use zero.
   *
   * @throws IllegalArgumentException if either is negative
   */
  public final B retryBackoff(Duration base, Duration jitter) {
    Checks.notNegative(base, jitter);
    this.retryBase = base;
    this.retryJitter = jitter;
    return self();
  }

  /**
   * Sets what the provider's config section {@code keystore.<name>.<child>} says, for the vendor's
   * provider: the required {@code endpoint} first, then the vendor's own settings, then the
   * optional {@code tls.ca}; nothing goes over the network.
   *
   * @param config the section {@code keystore.<name>}
   * @param child the vendor's section in it, such as {@code sdkms}
   * @param invalid the provider's message prefix, such as {@code invalid fortanix SDKMS keystore: }
   * @param vendorSettings sets the vendor's own settings from the child section
   * @throws InvalidConfigException if the child section or its endpoint is missing, the endpoint is
   *     not an http(s) URL, the CA files cannot be read or hold no certificate, or {@code
   *     vendorSettings} finds a setting missing or invalid
   */
  public final B fromConfig(
      KeyStoreConfig config,
      String child,
      String invalid,
      BiConsumer<? super B, Settings> vendorSettings) {
    Settings section = Settings.backend(config, child, invalid);
    String url = section.required("endpoint", invalid + "no endpoint specified");
    section.apply("endpoint", invalid, () -> endpoint(url));
    vendorSettings.accept(self(), section);
    section
        .string("tls.ca")
        .ifPresent(ca -> section.apply("tls.ca", invalid, () -> caCertificates(Path.of(ca))));
    return self();
  }

  /**
   * Builds the store and connects to the vendor, as KES does at start; a store that fails to
   * connect is closed again. What connecting means is the vendor's: see its builder's {@link
   * #open}.
   *
   * @throws IllegalStateException if the endpoint or a required setting of the vendor is not set
   * @throws io.kesjava.keystore.KeyStoreUnreachableException if the vendor cannot be reached
   * @throws io.kesjava.keystore.KeyStoreException if the vendor refuses the credentials or the
   *     settings
   */
  public final S build() {
    require(endpoint != null, "endpoint");
    return open();
  }

  /**
   * Checks the vendor's own settings (with {@link #require} and {@link #requireText}), makes the
   * store on a {@link #transport} and connects it with {@link
   * io.kesjava.keystore.common.Stores#connected}, which closes it again when that fails; called by
   * {@link #build()} once the endpoint is set.
   *
   * @throws IllegalStateException if a required setting of the vendor is not set
   */
  protected abstract S open();

  /**
   * Checks a required setting.
   *
   * @param what the setting's name in the message {@code the <vendor> <what> is not set}
   * @throws IllegalStateException if {@code set} is false
   */
  protected final void require(boolean set, String what) {
    if (!set) {
      throw new IllegalStateException("the " + vendor.name() + " " + what + " is not set");
    }
  }

  /**
   * Checks a required text setting: set and not empty.
   *
   * @param what the setting's name in the message {@code the <vendor> <what> is not set}
   * @throws IllegalStateException if {@code value} is null or empty
   */
  protected final void requireText(String value, String what) {
    require(value != null && !value.isEmpty(), what);
  }

  /**
   * The transport to the endpoint, with KES's timeouts and retry rule; retries are logged under
   * the vendor builder's package ({@code io.kesjava.keystore.<backend>.Retry}).
   *
   * @param secrets what must never reach a message, even when the vendor echoes it
   * @throws IllegalStateException if the endpoint is not set
   */
  protected final RestTransport transport(List<String> secrets) {
    require(endpoint != null, "endpoint");
    String logger = getClass().getPackageName();
    OkHttpClient client =
        HttpClients.client(
            vendor.connectTimeout(),
            vendor.idleTimeout(),
            timeout,
            new Retry(retryBase, retryJitter, System.getLogger(logger + ".Retry")),
            trustedCas);
    Redactor redactor = Redactor.builder().maxLength(512).secrets(secrets).build();
    return new RestTransport(vendor, System.getLogger(logger), client, endpoint, redactor);
  }

  /**
   * The settings, never a secret: {@code <Store>.Builder[endpoint=<endpoint without user info, or
   * unset>, <the vendor's settings of describe>, customCa=<whether tls.ca is set>]}.
   */
  @Override
  public final String toString() {
    String canonical = getClass().getCanonicalName();
    String type =
        canonical == null
            ? getClass().getName()
            : canonical.substring(getClass().getPackageName().length() + 1);
    StringBuilder text = new StringBuilder(type).append("[endpoint=");
    text.append(endpoint == null ? "unset" : RestTransport.display(endpoint));
    describe((name, value) -> text.append(", ").append(name).append('=').append(value));
    return text.append(", customCa=").append(trustedCas != null).append(']').toString();
  }

  /**
   * Names the vendor's own settings for {@link #toString()}, in order; a secret only as {@link
   * #redacted}.
   */
  protected abstract void describe(BiConsumer<String, Object> setting);

  /** What {@link #toString()} shows of a secret: {@code unset} or {@code [redacted]}. */
  protected static String redacted(String secret) {
    return secret == null ? "unset" : "[redacted]";
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
