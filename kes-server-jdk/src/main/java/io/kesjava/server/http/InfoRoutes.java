package io.kesjava.server.http;

import io.kesjava.core.Identity;
import io.kesjava.core.IdentityInfo;
import io.kesjava.core.IdentityNotFoundException;
import io.kesjava.core.Kes;
import io.kesjava.core.Listing;
import io.kesjava.core.Names;
import io.kesjava.core.PolicyInfo;
import io.kesjava.core.PolicyRules;
import io.kesjava.core.SelfInfo;
import io.kesjava.core.StatusInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

/**
 * The system routes ({@code /version}, {@code /v1/ready}, {@code /v1/status}, {@code /v1/api},
 * {@code /v1/metrics}) and the policy and identity routes ({@code docs/http-api.md#version}).
 *
 * <p>Thread-safety: immutable.
 */
final class InfoRoutes {

  private final Backend backend;
  private final String version;
  private final Metrics metrics;
  private final Clock clock;
  private final ZoneId zone;
  private final Supplier<List<Route>> routes;

  InfoRoutes(Backend backend, String version, Metrics metrics, Clock clock,
      Supplier<List<Route>> routes) {
    this.backend = backend;
    this.version = version;
    this.metrics = metrics;
    this.clock = clock;
    this.zone = clock.getZone();
    this.routes = routes;
  }

  private Kes kes(Call call) {
    return call.identity == null ? backend.anonymous() : backend.as(call.identity);
  }

  void version(Call call) {
    call.json(new JsonOut().beginObject()
        .member("version", version).member("commit", "<unknown>").endObject());
  }

  void ready(Call call) {
    backend.checkReady();
    call.ok();
  }

  void status(Call call) {
    StatusInfo s = kes(call).status();
    JsonOut out = new JsonOut().beginObject()
        .member("version", version)
        .member("os", s.os())
        .member("arch", s.arch())
        .member("uptime", Math.round(s.uptime().toMillis() / 1000.0))
        .member("num_cpu", s.numCpu())
        .member("num_cpu_used", s.numCpuUsed())
        .member("mem_heap_used", s.memHeapUsed())
        .member("mem_stack_used", s.memStackUsed());
    if (s.keystoreLatency().isPresent() && !s.keystoreUnreachable()) {
      long ms = Math.max(1, Math.round(s.keystoreLatency().get().toNanos() / 1e6));
      out.member("keystore_latency", ms);
    }
    if (s.keystoreUnreachable()) {
      // docs/http-api.md#status: kms-go wants "unavailable" beside "unreachable".
      out.member("keystore_unreachable", true).member("keystore_unavailable", true);
    }
    call.json(out.endObject());
  }

  void api(Call call) {
    JsonOut out = new JsonOut().beginArray();
    for (Route r : routes.get()) {
      if (r.listed()) {
        out.beginObject()
            .member("method", r.method())
            .member("path", r.path())
            .member("max_body", r.maxBody())
            .member("timeout", r.timeout().getSeconds())
            .endObject();
      }
    }
    call.json(out.endArray());
  }

  void metrics(Call call) {
    Duration up = Duration.between(backend.startTime(), clock.instant());
    byte[] body = metrics.render(up).getBytes(StandardCharsets.UTF_8);
    call.send(200, Metrics.CONTENT_TYPE, body);
  }

  private static String policyName(Call call) {
    return Names.requireValidName("policy name", call.resource);
  }

  void describePolicy(Call call) {
    PolicyInfo p = kes(call).describePolicy(policyName(call));
    JsonOut out = new JsonOut().beginObject().member("name", p.name());
    out.name("created_at").value(p.createdAt(), zone);
    call.json(out.member("created_by", p.createdBy()).endObject());
  }

  void readPolicy(Call call) {
    PolicyRules p = kes(call).readPolicy(policyName(call));
    JsonOut out = new JsonOut().beginObject().member("name", p.name());
    if (!p.allow().isEmpty()) {
      out.name("allow").patternSet(p.allow());
    }
    if (!p.deny().isEmpty()) {
      out.name("deny").patternSet(p.deny());
    }
    out.name("created_at").value(p.createdAt(), zone);
    call.json(out.member("created_by", p.createdBy()).endObject());
  }

  void listPolicies(Call call) {
    Listing l = kes(call).listPolicies(KeyRoutes.pattern(call));
    JsonOut out = new JsonOut().beginObject();
    out.name("names").stringArray(l.names());
    call.json(out.member("continue_at", l.continueAt()).endObject());
  }

  void describeIdentity(Call call) {
    String id = Names.requireValidName("identity", call.resource);
    IdentityInfo info = kes(call).describeIdentity(new Identity(id));
    JsonOut out = new JsonOut().beginObject();
    if (info.admin()) {
      out.member("admin", true);
    }
    out.memberOmitEmpty("policy", info.policy());
    out.name("created_at").value(info.createdAt(), zone);
    call.json(out.memberOmitEmpty("created_by", info.createdBy()).endObject());
  }

  /**
   * The self-describe shape kms-go reads ({@code docs/http-api.md#describe-yourself} option (c)).
   */
  void describeSelf(Call call) {
    if (call.identity == null) {
      throw new IdentityNotFoundException();
    }
    SelfInfo self = backend.as(call.identity).describeSelf();
    IdentityInfo info = self.info();
    JsonOut out = new JsonOut().beginObject().member("identity", info.identity().value());
    if (info.admin()) {
      out.member("admin", true);
    }
    out.name("created_at").value(info.createdAt(), zone);
    out.memberOmitEmpty("created_by", info.createdBy());
    out.memberOmitEmpty("policy", info.policy());
    self.rules().ifPresent(r -> {
      if (!r.allow().isEmpty()) {
        out.name("allow").patternSet(r.allow());
      }
      if (!r.deny().isEmpty()) {
        out.name("deny").patternSet(r.deny());
      }
    });
    call.json(out.endObject());
  }

  void listIdentities(Call call) {
    Listing l = kes(call).listIdentities(KeyRoutes.pattern(call));
    JsonOut out = new JsonOut().beginObject();
    out.name("identities").stringArray(l.names());
    call.json(out.member("continue_at", l.continueAt()).endObject());
  }
}
