package io.kesjava.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The request head parser and the chunked body reader: well-formed input reads back as written;
 * any input is a head, the end of the stream, or an {@link HttpError}, never another failure.
 */
class HeadParserProperties {

  private static final int MAX = 64 * 1024;

  private static RequestHead parse(byte[] bytes) throws IOException, HttpError {
    return HeadParser.read(new HttpInput(new ByteArrayInputStream(bytes), MAX), MAX, 100);
  }

  /** A well-formed request: method, path segments, query, fields. */
  record Req(String method, List<String> segments, String query, boolean http11,
      List<Tuple.Tuple2<String, String>> fields) {
    String target() {
      return "/" + String.join("/", segments) + (query == null ? "" : "?" + query);
    }

    byte[] bytes() {
      StringBuilder sb = new StringBuilder(method).append(' ').append(target())
          .append(http11 ? " HTTP/1.1\r\n" : " HTTP/1.0\r\n");
      sb.append("Host: example.com:7373\r\n");
      for (Tuple.Tuple2<String, String> f : fields) {
        sb.append(f.get1()).append(":").append(" ").append(f.get2()).append("\r\n");
      }
      return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  @Provide
  Arbitrary<Req> requests() {
    Arbitrary<String> method = Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ-!")
        .ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> segment = Arbitraries.strings()
        .withChars("abcXYZ019-._~!$&'()*+,;=:@").ofMaxLength(6);
    Arbitrary<String> query = Arbitraries.strings().withChars("ab=&/?:@-").ofMaxLength(8)
        .injectNull(0.5);
    Arbitrary<String> name = Arbitraries.strings().withChars("abcXYZ-_0!#").ofMinLength(1)
        .ofMaxLength(10).filter(n -> !n.equalsIgnoreCase("host")
            && !n.equalsIgnoreCase("content-length") && !n.equalsIgnoreCase("transfer-encoding")
            && !n.equalsIgnoreCase("expect") && !n.equalsIgnoreCase("connection"));
    Arbitrary<String> value = Arbitraries.strings().withChars("ab ,;=\t\"\u00e9\u00ff~:/")
        .ofMaxLength(12).map(String::strip).filter(v -> v.equals(v.strip()));
    Arbitrary<List<Tuple.Tuple2<String, String>>> fields =
        Combinators.combine(name, value).as(Tuple::of).list().ofMaxSize(8);
    return Combinators.combine(method, segment.list().ofMinSize(1).ofMaxSize(4), query,
        Arbitraries.of(true, false), fields).as(Req::new);
  }

  @Property(tries = 500)
  void aWellFormedHead_readsBackAsWritten(@ForAll("requests") Req req) throws Exception {
    RequestHead h = parse(req.bytes());
    assertThat(h.method()).isEqualTo(req.method());
    assertThat(h.target()).isEqualTo(req.target());
    assertThat(h.path()).isEqualTo(req.target().split("\\?", 2)[0]);
    assertThat(h.rawQuery()).isEqualTo(req.query());
    assertThat(h.http11()).isEqualTo(req.http11());
    assertThat(h.close()).isEqualTo(!req.http11());
    assertThat(h.contentLength()).isZero();
    for (Tuple.Tuple2<String, String> f : req.fields()) {
      assertThat(h.headers().all(f.get1())).contains(f.get2());
    }
  }

  @Property(tries = 3000)
  void anyInput_isAHead_theEnd_orAnHttpError(
      @ForAll @Size(max = 120) List<@net.jqwik.api.From("pieces") String> pieces) {
    byte[] bytes = String.join("", pieces).getBytes(StandardCharsets.ISO_8859_1);
    try {
      RequestHead h = parse(bytes);
      if (h != null) {
        // What passes is well-formed: a token method, a path, one Host on HTTP/1.1.
        assertThat(h.method()).matches("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
        assertThat(h.path()).startsWith("/");
        assertThat(h.headers().count("host")).isLessThanOrEqualTo(1);
      }
    } catch (HttpError e) {
      assertThat(e.status()).isIn(400, 417, 431, 501, 505);
      assertThat(e.getMessage()).isNotBlank();
    } catch (IOException e) {
      throw new AssertionError("not an HttpError", e);
    }
  }

  @Provide
  Arbitrary<String> pieces() {
    return Arbitraries.of("GET", "PUT", " ", "/", "/v1/status", "%", "%2F", "%zz", "?", "#",
        "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "\r\n", "\n", "\r", "\0", "\t", "Host: x",
        "Host:", "Content-Length: 5", "Content-Length: +5", "Transfer-Encoding: chunked",
        "Transfer-Encoding: gzip", "Expect: 100-continue", "Expect: x", ":", "a", "\u00e9",
        "\u007f", "Connection: close", "X-A: b");
  }

  @Test
  void fieldsOverTheLimits_are431() throws Exception {
    StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 100; i++) {
      many.append("X-").append(i).append(": v\r\n");
    }
    byte[] bytes = many.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> parse(bytes)).isInstanceOfSatisfying(HttpError.class,
        e -> assertThat(e.status()).isEqualTo(431));
    byte[] big = ("GET / HTTP/1.1\r\nHost: x\r\nX: " + "v".repeat(MAX) + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> parse(big)).isInstanceOfSatisfying(HttpError.class,
        e -> assertThat(e.status()).isEqualTo(431));
  }

  @Test
  void pipelinedHeads_areReadOneAfterTheOther() throws Exception {
    byte[] two = "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: y\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII);
    HttpInput in = new HttpInput(new ByteArrayInputStream(two), MAX);
    assertThat(HeadParser.read(in, MAX, 100).path()).isEqualTo("/a");
    assertThat(HeadParser.read(in, MAX, 100).path()).isEqualTo("/b");
    assertThat(HeadParser.read(in, MAX, 100)).isNull();
  }

  @Property(tries = 300)
  void aChunkedBody_readsBackAsWritten(@ForAll @Size(max = 3000) byte[] payload,
      @ForAll @IntRange(min = 1, max = 700) int chunk, @ForAll boolean extensions)
      throws Exception {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    for (int off = 0; off < payload.length; off += chunk) {
      int n = Math.min(chunk, payload.length - off);
      wire.write((Integer.toHexString(n) + (extensions ? ";x=y" : "") + "\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      wire.write(payload, off, n);
      wire.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    wire.write("0\r\nX-Trailer: t\r\n\r\nNEXT".getBytes(StandardCharsets.US_ASCII));
    HttpInput in = new HttpInput(new ByteArrayInputStream(wire.toByteArray()), MAX);
    Exchange.ChunkedBody body = new Exchange.ChunkedBody(in, payload.length, MAX);
    assertThat(body.readAllBytes()).isEqualTo(payload);
    assertThat(body.done()).isTrue();
    byte[] rest = new byte[4];
    assertThat(in.read(rest, 0, 4)).isEqualTo(4);
    assertThat(new String(rest, StandardCharsets.US_ASCII)).isEqualTo("NEXT");
  }

  @Test
  void aChunkedBody_overItsLimit_failsBeforeReadingIt() throws Exception {
    byte[] wire = "ffffff\r\n".getBytes(StandardCharsets.US_ASCII);
    Exchange.ChunkedBody body = new Exchange.ChunkedBody(
        new HttpInput(new ByteArrayInputStream(wire), MAX), 1000, MAX);
    assertThatThrownBy(body::read).isInstanceOfSatisfying(BodyException.class,
        e -> assertThat(e.isOverLimit()).isTrue());
    List<String> bad = new ArrayList<>(List.of("ffffffffffffffff\r\n", "-1\r\n", "x\r\n",
        "\r\n", "1\r\nab", "1\nA\r\n"));
    for (String b : bad) {
      Exchange.ChunkedBody c = new Exchange.ChunkedBody(new HttpInput(
          new ByteArrayInputStream(b.getBytes(StandardCharsets.US_ASCII)), MAX), 1000, MAX);
      assertThatThrownBy(c::readAllBytes).as(b).isInstanceOf(BodyException.class);
    }
  }
}
