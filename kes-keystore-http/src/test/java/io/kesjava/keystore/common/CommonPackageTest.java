package io.kesjava.keystore.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package the AWS, GCP, Azure and PostgreSQL stores use without this module's dependencies:
 * none of its classes may refer to OkHttp or Jackson.
 */
class CommonPackageTest {

  @Test
  void noClassOfThePackage_refersToOkHttpOrJackson() throws IOException, URISyntaxException {
    Path dir = Path.of(Redactor.class.getResource("Redactor.class").toURI()).getParent();
    List<Path> classes;
    try (Stream<Path> files = Files.list(dir)) {
      classes = files.filter(f -> f.toString().endsWith(".class")).toList();
    }

    assertThat(classes).hasSizeGreaterThanOrEqualTo(7);
    for (Path file : classes) {
      // Class names in the constant pool are plain modified UTF-8; ISO-8859-1 keeps every byte.
      String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      assertThat(constants)
          .as(file.getFileName().toString())
          .doesNotContain("okhttp3/", "com/fasterxml/", "okio/");
    }
  }
}
