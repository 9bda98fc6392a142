package io.kesjava.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which Java the launchers pick: bin/kes of the archive, run as a user runs it, and the selection
 * code it shares with ./kes (src/bin/kes-java.sh), sourced by sh and by bash as ./kes sources it.
 * Every Java here is a fake JDK folder whose bin/java is a script that prints a version for
 * {@code -version} and otherwise says which fake it is and what it was asked to run. The PATH holds
 * only the fakes and the few tools the scripts use, so no real Java on the machine takes part.
 */
@DisabledOnOs(OS.WINDOWS)
class JavaSelectionTest {

  private static final Path SCRIPTS = Path.of("src", "bin").toAbsolutePath();

  @TempDir Path dir;
  private Path home;
  private Path tools;
  private Path jdks;

  @BeforeEach
  void setUp() throws IOException {
    home = Files.createDirectories(dir.resolve("home"));
    jdks = Files.createDirectories(dir.resolve("jvm"));
    tools = Files.createDirectories(dir.resolve("tools"));
    for (String tool : List.of("sed", "readlink", "dirname")) {
      Files.createSymbolicLink(tools.resolve(tool), which(tool));
    }
  }

  // --- bin/kes, end to end ---

  @Test
  void binKesRunsTheNewestJava21OrNewerFoundAndPassesItsArguments() throws Exception {
    Path archive = archive();
    fakeJdk(jdks.resolve("jdk-17"), "17.0.9", true);
    fakeJdk(jdks.resolve("jdk-25"), "25.0.1", true);
    fakeJdk(jdks.resolve("jdk-21"), "21.0.5", false); // no release file: asked with -version
    Result r = run(List.of("/bin/sh", archive.resolve("bin/kes").toString(), "server", "--dev"),
        env(Map.of("KES_JAVA_SEARCH", jdks + "/*")));
    assertThat(r.exit).isZero();
    assertThat(r.out).isEqualTo("fake jdk-25 ran: -cp " + archive.resolve("lib") + "/* "
        + "io.kesjava.cli.KesMain server --dev\n");
    assertThat(r.err).isEmpty();
  }

  @Test
  void binKesWorksThroughASymbolicLinkAndPassesKesJavaOptsAndKesClasspath() throws Exception {
    Path archive = archive();
    fakeJdk(jdks.resolve("jdk-21"), "21", true);
    Path link = Files.createSymbolicLink(dir.resolve("kes-link"), archive.resolve("bin/kes"));
    Result r = run(List.of("/bin/sh", link.toString(), "--help"), env(Map.of(
        "KES_JAVA_SEARCH", jdks + "/*", "KES_JAVA_OPTS", "-Xmx64m -Dx=y",
        "KES_CLASSPATH", "/opt/extra.jar")));
    assertThat(r.exit).isZero();
    assertThat(r.out).isEqualTo("fake jdk-21 ran: -Xmx64m -Dx=y -cp " + archive.resolve("lib")
        + "/*:/opt/extra.jar io.kesjava.cli.KesMain --help\n");
  }

  @Test
  void binKesRefusesJavaOlderThan17AndRunsNothing() throws Exception {
    Path archive = archive();
    fakeJdk(jdks.resolve("jdk-11"), "11.0.22", true);
    Result r = run(List.of("/bin/sh", archive.resolve("bin/kes").toString(), "--help"),
        env(Map.of("KES_JAVA_SEARCH", "", "JAVA_HOME", jdks.resolve("jdk-11").toString())));
    assertThat(r.exit).isEqualTo(1);
    assertThat(r.out).isEmpty();
    assertThat(r.err).isEqualTo("kes: " + jdks.resolve("jdk-11") + "/bin/java is Java 11; kes needs"
        + " Java 17 or newer (21 or newer for the server): install one, or set JAVA_HOME or"
        + " KES_JAVA\n");
  }

  // --- the selection rules, in both shells that source them ---

  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash"})
  void theNewestJava21OrNewerWinsOverOlderOnesAndOverThePath(String shell) throws Exception {
    fakeJdk(jdks.resolve("a-17"), "17.0.2", true);
    fakeJdk(jdks.resolve("b-22"), "22.0.1", false);
    fakeJdk(jdks.resolve("c-21"), "21.0.1", true);
    fakeJdk(jdks.resolve("d-8"), "1.8.0_402", true);
    Files.createDirectories(jdks.resolve("e-empty")); // a folder without bin/java
    onPath(fakeJdk(dir.resolve("path-jdk"), "25", true));
    Result r = select(shell, "server", Map.of("KES_JAVA_SEARCH", jdks + "/*"));
    assertThat(r.out).isEqualTo(jdks.resolve("b-22") + "/bin/java 22\n");
    assertThat(r.err).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash"})
  void everyPlaceOfTheSearchListIsSearched(String shell) throws Exception {
    fakeJdk(jdks.resolve("one/jdk-21"), "21", true);
    fakeJdk(dir.resolve("other place/Contents/Home"), "23", true); // a space in the path
    Result r = select(shell, "server",
        Map.of("KES_JAVA_SEARCH", jdks + "/one/*:" + dir + "/other */Contents/Home:/nowhere/*"));
    assertThat(r.out).isEqualTo(dir + "/other place/Contents/Home/bin/java 23\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash"})
  void theDefaultSearchListIncludesSdkman(String shell) throws Exception {
    // 99: newer than any real JDK this machine may have in the other usual places.
    fakeJdk(home.resolve(".sdkman/candidates/java/99.0.1-tem"), "99.0.1", true);
    Result r = select(shell, "server", Map.of());
    assertThat(r.out).isEqualTo(home.resolve(".sdkman/candidates/java/99.0.1-tem")
        + "/bin/java 99\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash"})
  void javaHomeWinsOverANewerJavaFoundAndJava17WarnsForTheServerOnly(String shell)
      throws Exception {
    fakeJdk(jdks.resolve("jdk-25"), "25", true);
    Path java17 = fakeJdk(dir.resolve("java17"), "17.0.15", true);
    Map<String, String> env = Map.of("KES_JAVA_SEARCH", jdks + "/*", "JAVA_HOME", java17.toString());
    Result server = select(shell, "server", env);
    assertThat(server.out).isEqualTo(java17 + "/bin/java 17\n");
    assertThat(server.err).isEqualTo("kes: running on Java 17: the server serves at most 1,024"
        + " connections at once, one thread each, so about 1,000 silent or slow clients can delay"
        + " new requests by up to 5 s; use Java 21 or newer (set JAVA_HOME)\n");
    Result client = select(shell, "key", env);
    assertThat(client.out).isEqualTo(java17 + "/bin/java 17\n");
    assertThat(client.err).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash"})
  void kesJavaWinsOverJavaHome(String shell) throws Exception {
    Path java21 = fakeJdk(dir.resolve("java21"), "21.0.3", true);
    Path java24 = fakeJdk(dir.resolve("java24"), "24", true);
    Result r = select(shell, "server", Map.of("KES_JAVA_SEARCH", "",
        "JAVA_HOME", java24.toString(), "KES_JAVA", java21 + "/bin/java"));
    assertThat(r.out).isEqualTo(java21 + "/bin/java 21\n");
    assertThat(r.err).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash"})
  void withoutJava21InstalledThePathsJava17RunsWithTheWarning(String shell) throws Exception {
    fakeJdk(jdks.resolve("jdk-17"), "17.0.2", true);
    onPath(fakeJdk(dir.resolve("path-jdk"), "17.0.15", true));
    Result r = select(shell, "server", Map.of("KES_JAVA_SEARCH", jdks + "/*"));
    assertThat(r.out).isEqualTo("java 17\n");
    assertThat(r.err)
        .startsWith("kes: running on Java 17: ")
        .endsWith("; use Java 21 or newer (set JAVA_HOME)\n");
    assertThat(r.err.lines()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash"})
  void thePathsJavaIsToldByTheReleaseFileOfTheJdkItLinksTo(String shell) throws Exception {
    // The JDK's java says nothing usable for -version; its release file says 21.
    Path jdk = fakeJdk(dir.resolve("linked-jdk"), "21.0.2", true);
    Files.writeString(jdk.resolve("bin/java"), "#!/bin/sh\necho 'no version here' >&2\n");
    Files.createSymbolicLink(tools.resolve("java"), jdk.resolve("bin/java"));
    Result r = select(shell, "server", Map.of("KES_JAVA_SEARCH", ""));
    assertThat(r.out).isEqualTo("java 21\n");
    assertThat(r.err).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash"})
  void javaOlderThan17IsRefusedWhereverItComesFrom(String shell) throws Exception {
    onPath(fakeJdk(dir.resolve("path-jdk"), "1.8.0_402", true));
    Result r = select(shell, "--help", Map.of("KES_JAVA_SEARCH", ""));
    assertThat(r.exit).isEqualTo(1);
    assertThat(r.out).isEmpty();
    assertThat(r.err).isEqualTo("kes: java is Java 8; kes needs Java 17 or newer (21 or newer for"
        + " the server): install one, or set JAVA_HOME or KES_JAVA\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash"})
  void noJavaAtAllIsAClearError(String shell) throws Exception {
    Result r = select(shell, "server", Map.of("KES_JAVA_SEARCH", jdks + "/*"));
    assertThat(r.exit).isEqualTo(1);
    assertThat(r.err)
        .isEqualTo("kes: no Java found: install Java 21 or newer, or set JAVA_HOME\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sh", "bash"})
  void aJavaHomeWithoutJavaOrAKesJavaThatIsNoCommandIsAnError(String shell) throws Exception {
    onPath(fakeJdk(dir.resolve("path-jdk"), "21", true));
    Result badHome = select(shell, "server", Map.of("JAVA_HOME", dir.resolve("nothing").toString()));
    assertThat(badHome.exit).isEqualTo(1);
    assertThat(badHome.err).isEqualTo("kes: JAVA_HOME is set to '" + dir.resolve("nothing")
        + "', which has no bin/java; set it to a Java 17 or newer, or unset it\n");
    Result badKesJava = select(shell, "server", Map.of("KES_JAVA", "/no/such/java"));
    assertThat(badKesJava.exit).isEqualTo(1);
    assertThat(badKesJava.err).isEqualTo("kes: KES_JAVA is set to '/no/such/java', which is not a"
        + " command; set it to a java executable or unset it\n");
  }

  // --- helpers ---

  /** An archive's layout: bin/ with the two scripts, and an empty lib/. */
  private Path archive() throws IOException {
    Path archive = Files.createDirectories(dir.resolve("kes-java"));
    Path bin = Files.createDirectories(archive.resolve("bin"));
    Files.createDirectories(archive.resolve("lib"));
    for (String script : List.of("kes", "kes-java.sh")) {
      Files.copy(SCRIPTS.resolve(script), bin.resolve(script), StandardCopyOption.COPY_ATTRIBUTES);
    }
    return archive;
  }

  /**
   * A fake JDK: bin/java prints {@code version} as a JDK does for -version and otherwise what it
   * would run; with {@code releaseFile}, a release file as JDKs carry it names the version too.
   */
  private static Path fakeJdk(Path jdk, String version, boolean releaseFile) throws IOException {
    Path bin = Files.createDirectories(jdk.resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/bin/sh\n"
        + "if [ \"$1\" = -version ]; then\n"
        + "  echo 'openjdk version \"" + version + "\" 2024-01-16' >&2\n"
        + "  echo 'OpenJDK Runtime Environment (build " + version + ")' >&2\n"
        + "  exit 0\n"
        + "fi\n"
        + "echo \"fake " + jdk.getFileName() + " ran: $*\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    if (releaseFile) {
      Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"Fake\"\nJAVA_VERSION=\"" + version
          + "\"\nJAVA_RUNTIME_VERSION=\"" + version + "+1\"\n");
    }
    return jdk;
  }

  private void onPath(Path jdk) throws IOException {
    Files.createSymbolicLink(tools.resolve("java"), jdk.resolve("bin/java"));
  }

  /** Sources kes-java.sh as the launchers do and prints the chosen java and its feature version. */
  private Result select(String shell, String command, Map<String, String> vars) throws Exception {
    String library = SCRIPTS.resolve("kes-java.sh").toString();
    List<String> cmd = new ArrayList<>();
    if (shell.equals("bash")) {
      // as ./kes runs it
      cmd.addAll(List.of(which("bash").toString(), "-c",
          "set -euo pipefail; . \"$0\"; kes_select_java \"$1\"; echo \"$KES_JAVA_CMD $KES_JAVA_FEATURE\""));
    } else {
      cmd.addAll(List.of("/bin/sh", "-c",
          "set -eu; . \"$0\"; kes_select_java \"$1\"; echo \"$KES_JAVA_CMD $KES_JAVA_FEATURE\""));
    }
    cmd.add(library);
    cmd.add(command);
    return run(cmd, env(vars));
  }

  private Map<String, String> env(Map<String, String> vars) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", tools.toString());
    env.put("HOME", home.toString());
    env.putAll(vars);
    return env;
  }

  private record Result(int exit, String out, String err) {}

  private static Result run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out;
    byte[] err;
    try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
      out = o.readAllBytes(); // the scripts print little: no risk of filling the other pipe
      err = e.readAllBytes();
    }
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("exited").isTrue();
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  private static Path which(String tool) {
    for (String d : List.of("/usr/bin", "/bin", "/usr/local/bin", "/opt/homebrew/bin")) {
      Path p = Path.of(d, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException("no " + tool + " in /usr/bin or /bin");
  }
}
