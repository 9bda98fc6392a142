package io.kesjava.keystore.gcp;

import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.AddSecretVersionRequest;
import com.google.cloud.secretmanager.v1.CreateSecretRequest;
import com.google.cloud.secretmanager.v1.DeleteSecretRequest;
import com.google.cloud.secretmanager.v1.ListSecretsRequest;
import com.google.cloud.secretmanager.v1.ListSecretsResponse;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceGrpc;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small fake of Google Cloud Secret Manager: the generated gRPC service base class on a loopback
 * Netty server, plaintext, without credentials.
 *
 * <p>What it reproduces: secret ids {@code [A-Za-z0-9_-]{1,255}}; names returned with the project
 * <em>number</em> and requests accepted with id or number; {@code ALREADY_EXISTS}, {@code
 * NOT_FOUND} (missing secret or version), {@code PERMISSION_DENIED} for another project, {@code
 * INVALID_ARGUMENT} (no replication, bad id, payload over 64 KiB, CRC32C mismatch, bad page token),
 * {@code FAILED_PRECONDITION} for a disabled version, {@code RESOURCE_EXHAUSTED} (quota) on demand;
 * versions numbered from 1; {@code ListSecrets} pages by page token, in creation order.
 *
 * <p>Thread-safety: calls are served on several threads; state is guarded by {@code this}.
 */
public final class FakeSecretManager extends SecretManagerServiceGrpc.SecretManagerServiceImplBase
    implements AutoCloseable {

  public static final String PROJECT_ID = "kes-test-project";
  static final String PROJECT_NUMBER = "123456789012";
  private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final Pattern VERSION =
      Pattern.compile("projects/([^/]+)/secrets/([^/]+)/versions/([^/]+)");
  private static final Pattern SECRET = Pattern.compile("projects/([^/]+)/secrets/([^/]+)");

  /** One secret version: its payload and whether it is enabled. */
  private record Version(ByteString data, boolean enabled) {}

  private final Map<String, List<Version>> secrets = new LinkedHashMap<>();
  private final Map<String, List<Status>> failures = new LinkedHashMap<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<Metadata> headers = new CopyOnWriteArrayList<>();
  private int pageSize = 2;
  private int throttleNext;
  private final Server server;

  public FakeSecretManager() throws IOException {
    ServerInterceptor recorder =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata metadata, ServerCallHandler<Q, R> next) {
            calls.add(call.getMethodDescriptor().getBareMethodName());
            headers.add(metadata);
            return next.startCall(call, metadata);
          }
        };
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .addService(ServerInterceptors.intercept(this, recorder))
            .build()
            .start();
  }

  /** {@code 127.0.0.1:<port>}, as gRPC targets are written. */
  public String endpoint() {
    return "127.0.0.1:" + server.getPort();
  }

  synchronized void pageSize(int size) {
    pageSize = size;
  }

  /** The next {@code n} calls fail with {@code RESOURCE_EXHAUSTED}. */
  synchronized void throttle(int n) {
    throttleNext = n;
  }

  /** The next call of {@code method} (such as {@code AddSecretVersion}) fails with {@code status}. */
  synchronized void failNext(String method, Status status) {
    failures.computeIfAbsent(method, m -> new ArrayList<>()).add(status);
  }

  synchronized void disableVersion(String secretId, int version) {
    List<Version> versions = secrets.get(secretId);
    versions.set(version - 1, new Version(versions.get(version - 1).data(), false));
  }

  /** Adds a secret without versions, as a create whose second call failed leaves it in KES. */
  synchronized void putWithoutVersion(String secretId) {
    secrets.put(secretId, new ArrayList<>());
  }

  /** Adds a version to an existing secret, as another tool (or a rotation) would. */
  synchronized void addVersion(String secretId, byte[] data) {
    secrets.get(secretId).add(new Version(ByteString.copyFrom(data), true));
  }

  synchronized boolean exists(String secretId) {
    return secrets.containsKey(secretId);
  }

  synchronized int versions(String secretId) {
    return secrets.get(secretId).size();
  }

  List<String> calls() {
    return List.copyOf(calls);
  }

  List<Metadata> headers() {
    return List.copyOf(headers);
  }

  @Override
  public void close() {
    try {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A failure prepared for this call, or {@code null}. */
  private Status injected(String method) {
    if (throttleNext > 0) {
      throttleNext--;
      return Status.RESOURCE_EXHAUSTED.withDescription(
          "Quota exceeded for quota metric 'Access requests' and limit 'Access requests per minute'"
              + " of service 'secretmanager.googleapis.com' for consumer 'project_number:"
              + PROJECT_NUMBER
              + "'.");
    }
    List<Status> queued = failures.get(method);
    return queued == null || queued.isEmpty() ? null : queued.remove(0);
  }

  private static boolean isProject(String project) {
    return PROJECT_ID.equals(project) || PROJECT_NUMBER.equals(project);
  }

  private static String secretName(String id) {
    return "projects/" + PROJECT_NUMBER + "/secrets/" + id;
  }

  @Override
  public synchronized void createSecret(CreateSecretRequest request, StreamObserver<Secret> out) {
    Status failure = injected("CreateSecret");
    String project = request.getParent().replaceFirst("^projects/", "");
    String id = request.getSecretId();
    if (failure != null) {
      out.onError(failure.asRuntimeException());
    } else if (!request.getParent().startsWith("projects/") || !isProject(project)) {
      out.onError(Status.PERMISSION_DENIED.withDescription("Permission 'secretmanager.secrets.create'"
          + " denied for resource '" + request.getParent() + "' (or it may not exist).")
          .asRuntimeException());
    } else if (!SECRET_ID.matcher(id).matches()) {
      out.onError(Status.INVALID_ARGUMENT.withDescription("Secret ID must match [A-Za-z0-9_-]{1,255}")
          .asRuntimeException());
    } else if (!request.getSecret().hasReplication()) {
      out.onError(Status.INVALID_ARGUMENT.withDescription("Secret.replication is required")
          .asRuntimeException());
    } else if (secrets.containsKey(id)) {
      out.onError(Status.ALREADY_EXISTS.withDescription(
          "Secret [" + secretName(id) + "] already exists.").asRuntimeException());
    } else {
      secrets.put(id, new ArrayList<>());
      out.onNext(request.getSecret().toBuilder().setName(secretName(id)).build());
      out.onCompleted();
    }
  }

  @Override
  public synchronized void addSecretVersion(
      AddSecretVersionRequest request, StreamObserver<SecretVersion> out) {
    Status failure = injected("AddSecretVersion");
    Matcher m = SECRET.matcher(request.getParent());
    SecretPayload payload = request.getPayload();
    if (failure != null) {
      out.onError(failure.asRuntimeException());
    } else if (!m.matches() || !isProject(m.group(1)) || !secrets.containsKey(m.group(2))) {
      out.onError(Status.NOT_FOUND.withDescription("Secret [" + request.getParent() + "] not found.")
          .asRuntimeException());
    } else if (payload.getData().size() > 64 * 1024) {
      out.onError(Status.INVALID_ARGUMENT.withDescription("Secret payload must be at most 65536 bytes")
          .asRuntimeException());
    } else if (payload.hasDataCrc32C()
        && payload.getDataCrc32C() != GcpSecretManagerKeyStore.crc32c(payload.getData().toByteArray())) {
      out.onError(Status.INVALID_ARGUMENT.withDescription("Checksum mismatch").asRuntimeException());
    } else {
      List<Version> versions = secrets.get(m.group(2));
      versions.add(new Version(payload.getData(), true));
      out.onNext(SecretVersion.newBuilder()
          .setName(secretName(m.group(2)) + "/versions/" + versions.size())
          .setState(SecretVersion.State.ENABLED)
          .build());
      out.onCompleted();
    }
  }

  @Override
  public synchronized void accessSecretVersion(
      AccessSecretVersionRequest request, StreamObserver<AccessSecretVersionResponse> out) {
    Status failure = injected("AccessSecretVersion");
    Matcher m = VERSION.matcher(request.getName());
    if (failure != null) {
      out.onError(failure.asRuntimeException());
      return;
    }
    List<Version> versions =
        m.matches() && isProject(m.group(1)) ? secrets.get(m.group(2)) : null;
    if (versions == null || versions.isEmpty()) {
      out.onError(Status.NOT_FOUND.withDescription("Secret [" + secretName(m.matches() ? m.group(2)
          : "?") + "] not found or has no versions.").asRuntimeException());
      return;
    }
    int number = "latest".equals(m.group(3)) ? versions.size() : Integer.parseInt(m.group(3));
    String versionName = secretName(m.group(2)) + "/versions/" + number;
    if (number < 1 || number > versions.size()) {
      out.onError(Status.NOT_FOUND.withDescription("Secret Version [" + versionName + "] not found.")
          .asRuntimeException());
    } else if (!versions.get(number - 1).enabled()) {
      out.onError(Status.FAILED_PRECONDITION.withDescription(
          "Secret Version [" + versionName + "] is in DISABLED state.").asRuntimeException());
    } else {
      ByteString data = versions.get(number - 1).data();
      out.onNext(AccessSecretVersionResponse.newBuilder()
          .setName(versionName)
          .setPayload(SecretPayload.newBuilder().setData(data)
              .setDataCrc32C(GcpSecretManagerKeyStore.crc32c(data.toByteArray())))
          .build());
      out.onCompleted();
    }
  }

  @Override
  public synchronized void deleteSecret(DeleteSecretRequest request, StreamObserver<Empty> out) {
    Status failure = injected("DeleteSecret");
    Matcher m = SECRET.matcher(request.getName());
    if (failure != null) {
      out.onError(failure.asRuntimeException());
    } else if (!m.matches() || !isProject(m.group(1)) || secrets.remove(m.group(2)) == null) {
      out.onError(Status.NOT_FOUND.withDescription("Secret [" + request.getName() + "] not found.")
          .asRuntimeException());
    } else {
      out.onNext(Empty.getDefaultInstance());
      out.onCompleted();
    }
  }

  @Override
  public synchronized void listSecrets(
      ListSecretsRequest request, StreamObserver<ListSecretsResponse> out) {
    Status failure = injected("ListSecrets");
    if (failure != null) {
      out.onError(failure.asRuntimeException());
      return;
    }
    int start = 0;
    if (!request.getPageToken().isEmpty()) {
      try {
        start = Integer.parseInt(new String(
            Base64.getDecoder().decode(request.getPageToken()), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        out.onError(Status.INVALID_ARGUMENT.withDescription("Invalid page token")
            .asRuntimeException());
        return;
      }
    }
    List<String> ids = new ArrayList<>(secrets.keySet());
    int size = request.getPageSize() > 0 ? Math.min(request.getPageSize(), pageSize) : pageSize;
    int end = Math.min(ids.size(), start + size);
    ListSecretsResponse.Builder response = ListSecretsResponse.newBuilder().setTotalSize(ids.size());
    for (String id : ids.subList(Math.min(start, end), end)) {
      response.addSecrets(Secret.newBuilder().setName(secretName(id)));
    }
    if (end < ids.size()) {
      response.setNextPageToken(
          Base64.getEncoder().encodeToString(String.valueOf(end).getBytes(StandardCharsets.UTF_8)));
    }
    out.onNext(response.build());
    out.onCompleted();
  }
}
