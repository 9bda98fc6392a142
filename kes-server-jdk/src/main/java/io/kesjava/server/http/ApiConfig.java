package io.kesjava.server.http;

import io.kesjava.server.AuditEvent;
import io.kesjava.server.AuditLog;
import io.kesjava.server.ErrorEvent;
import io.kesjava.server.ErrorLog;
import io.kesjava.server.RouteSettings;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything {@link HttpApi} is built from.
 *
 * @param backend the engine
 * @param settings per-route overrides keyed by route path ({@code config.md} §2.3)
 * @param proxyIdentities identities of trusted TLS proxies
 * @param proxyCertHeader the header proxies forward the client certificate in
 * @param version the version {@code /version} and {@code /v1/status} report
 * @param clock the clock for event times; its zone is the server's time zone
 * @param auditLog where audit streams subscribe
 * @param audit publishes an audit event
 * @param errorLog where error streams subscribe
 * @param errors publishes an error-log record
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
    Consumer<ErrorEvent> errors) {

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
  }
}
