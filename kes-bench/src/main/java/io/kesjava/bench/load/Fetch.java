package io.kesjava.bench.load;

import java.io.BufferedInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;

/**
 * One GET with the bench client certificate; prints the body. {@code Fetch DIR PORT PATH}.
 */
public final class Fetch {

  private Fetch() {}

  public static void main(String[] args) throws Exception {
    var ssl = LoadDriver.clientContext(java.nio.file.Path.of(args[0]));
    try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket()) {
      s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])), 5000);
      s.setSoTimeout(60_000);
      s.getOutputStream().write(LoadDriver.encode("GET", args[2], null, true));
      s.getOutputStream().flush();
      HttpResponse.Result r = HttpResponse.read(new BufferedInputStream(s.getInputStream()));
      System.out.print(new String(r.body(), StandardCharsets.UTF_8));
      if (r.status() != 200) {
        System.exit(1);
      }
    }
  }
}
