package io.kesjava.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseTest {

  private static InputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void read_contentLength_leavesTheNextResponse() throws IOException {
    InputStream in = in("HTTP/1.1 200 OK\r\nContent-length: 3\r\nDate: x\r\n\r\nabc"
        + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    HttpResponse.Result first = HttpResponse.read(in);
    assertThat(first.status()).isEqualTo(200);
    assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("abc");
    assertThat(HttpResponse.read(in).status()).isEqualTo(404);
  }

  @Test
  void read_chunked() throws IOException {
    HttpResponse.Result r = HttpResponse.read(
        in("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n"));
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("abcde");
  }

  @Test
  void read_truncatedBody_fails() {
    assertThatThrownBy(() -> HttpResponse.read(in("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc")))
        .isInstanceOf(EOFException.class);
  }

  @Test
  void read_notHttp_fails() {
    assertThatThrownBy(() -> HttpResponse.read(in("SSH-2.0\r\n\r\n"))).isInstanceOf(IOException.class);
  }

  @Test
  void encode_post_hasLengthAndBody() {
    String r = new String(LoadDriver.encode("POST", "/p", "{}", false), StandardCharsets.UTF_8);
    assertThat(r).isEqualTo("POST /p HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: 2\r\n\r\n{}");
  }

  @Test
  void target_parse() {
    LoadDriver.Target t = LoadDriver.Target.parse("kes:7373:/v1/key/generate/k:generate");
    assertThat(t.port()).isEqualTo(7373);
    assertThat(t.path()).isEqualTo("/v1/key/generate/k");
    assertThat(t.body()).isEqualTo("generate");
    assertThat(t.pid()).isZero();
    LoadDriver.Target other = LoadDriver.Target.parse("kes-b@42:1:/v1/key/generate/key-:keys:10");
    assertThat(other.name()).isEqualTo("kes-b");
    assertThat(other.pid()).isEqualTo(42);
    assertThat(other.body()).isEqualTo("keys:10");
  }
}
