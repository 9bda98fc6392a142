package io.kesjava.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a server on the fs store during 16 parallel creates, three times, each time
 * followed by a restart: every key whose create was acknowledged is readable, every key in the
 * directory is whole (readable through the server), and no temporary file is left.
 */
class CrashTest {

  @TempDir Path dir;

  @Test
  void killDuringParallelCreates_thenRestart_keepsEveryAcknowledgedKey_andNoTemporaryFile()
      throws Exception {
    HostileServer server = HostileServer.start(dir);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    int leftBefore = 0;
    try {
      for (int run = 0; run < 3; run++) {
        RawClient admin = new RawClient(server.adminContext(), server.port());
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch enough = new CountDownLatch(16 * 5);
        List<Thread> creators = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          String prefix = "crash-" + run + "-" + t + "-";
          Thread th = new Thread(() -> create(admin, prefix, acknowledged, stop, enough));
          th.setDaemon(true);
          th.start();
          creators.add(th);
        }
        enough.await();
        long killedPid = server.pid();
        server.kill();
        stop.set(true);
        for (Thread th : creators) {
          th.join(10_000);
        }
        // What a crash leaves: interrupted writes, and one planted as an older run would.
        Files.writeString(server.keys.resolve(".kes-" + killedPid + "-77.tmp"), "partial");
        leftBefore += (int) server.keyDirectory().stream().filter(n -> n.startsWith(".kes-"))
            .count();
        server.restart();
        assertThat(server.keyDirectory()).as("the key directory after a restart")
            .noneMatch(n -> n.startsWith(".") || n.endsWith(".tmp"));
        RawClient after = new RawClient(server.adminContext(), server.port());
        for (String name : server.keyDirectory()) {
          RawClient.Response r = after.send(RawClient.head("GET /v1/key/describe/" + name
              + " HTTP/1.1", "Host: x", "Connection: close"));
          assertThat(r.status()).as("describe " + name + ": " + r).isEqualTo(200);
        }
        assertThat(server.keyDirectory()).as("every acknowledged key")
            .containsAll(acknowledged);
      }
      System.out.printf("crash: %d acknowledged keys, %d temporary files found after the kills"
          + " (3 planted), none after the restarts%n", acknowledged.size(), leftBefore);
      assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(3 * 16 * 5);
    } finally {
      server.close();
    }
  }

  /** Creates keys on one keep-alive connection until stopped or the connection breaks. */
  private static void create(RawClient admin, String prefix, Set<String> acknowledged,
      AtomicBoolean stop, CountDownLatch enough) {
    try (SSLSocket s = admin.connect()) {
      OutputStream out = s.getOutputStream();
      InputStream in = new BufferedInputStream(s.getInputStream());
      for (int i = 0; !stop.get(); i++) {
        out.write(RawClient.head("PUT /v1/key/create/" + prefix + i + " HTTP/1.1", "Host: x"));
        out.flush();
        RawClient.Response r = RawClient.read(in);
        if (r.status() != 200) {
          return;
        }
        acknowledged.add(prefix + i);
        enough.countDown();
      }
    } catch (java.io.IOException e) {
      // the server was killed
    }
  }
}
