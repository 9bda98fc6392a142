package io.kesjava.server.http;

import io.kesjava.server.AuditEvent;
import io.kesjava.server.AuditLog;
import io.kesjava.server.ErrorEvent;
import io.kesjava.server.ErrorLog;
import io.kesjava.server.RouteSettings;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Everything {@link HttpApi} is built from.
 *
 * @param backend the engine
 * @param settings per-route overrides keyed by route path ({@code docs/configuration.md#api})
 * @param proxyIdentities identities of trusted TLS proxies
 * @param proxyCertHeader the header proxies forward the client certificate in
 * @param version the version {@code /version} and {@code /v1/status} report
 * @param clock the clock for event times; its zone is the server's time zone
 * @param auditLog where audit streams subscribe
 * @param audit publishes an audit event
 * @param errorLog where error streams subscribe
 * @param errors publishes an error-log record
 * @param streamHeartbeat how long a log stream may be silent before an empty line goes out, to
 *     notice a closed connection; default 10 seconds
 * @param maxStreamSubscribers the most subscribers of each log stream at once; default {@value
 *     #DEFAULT_MAX_STREAM_SUBSCRIBERS}
 * @param forwardedTrust whether a certificate forwarded by a TLS proxy may be used: with {@code
 *     tls.auth: on} it must verify against the CA set ({@code docs/http-api.md#conventions});
 *     otherwise every certificate passes
 */
public record ApiConfig(
    Backend backend,
    Map<String, RouteSettings> settings,
    Set<String> proxyIdentities,
    String proxyCertHeader,
    String version,
    Clock clock,
    AuditLog auditLog,
    Consumer<AuditEvent> audit,
    ErrorLog errorLog,
    Consumer<ErrorEvent> errors,
    Duration streamHeartbeat,
    int maxStreamSubscribers,
    Predicate<X509Certificate> forwardedTrust) {

  /** The default heartbeat of log streams. */
  public static final Duration DEFAULT_STREAM_HEARTBEAT = Duration.ofSeconds(10);

  /** The default limit of subscribers per log stream. */
  public static final int DEFAULT_MAX_STREAM_SUBSCRIBERS = 32;

  /**
   * @throws IllegalArgumentException if the heartbeat or the subscriber limit is not positive
   */
  public ApiConfig {
    Objects.requireNonNull(backend, "backend");
    settings = Map.copyOf(settings);
    proxyIdentities = Set.copyOf(proxyIdentities);
    Objects.requireNonNull(proxyCertHeader, "proxyCertHeader");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(auditLog, "auditLog");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(errorLog, "errorLog");
    Objects.requireNonNull(errors, "errors");
    Objects.requireNonNull(streamHeartbeat, "streamHeartbeat");
    Objects.requireNonNull(forwardedTrust, "forwardedTrust");
    if (streamHeartbeat.isNegative() || streamHeartbeat.isZero() || maxStreamSubscribers < 1) {
      throw new IllegalArgumentException("stream heartbeat and subscriber limit must be positive");
    }
  }
}
