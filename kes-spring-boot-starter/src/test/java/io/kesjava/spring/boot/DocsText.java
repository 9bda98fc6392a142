package io.kesjava.spring.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The lines of a test source between {@code // docs:begin} and {@code // docs:end}, unindented. */
final class DocsText {

  private DocsText() {}

  static String between(Path source) throws IOException {
    List<String> out = new ArrayList<>();
    boolean in = false;
    int indent = -1;
    for (String line : Files.readAllLines(source)) {
      if (line.trim().equals("// docs:end")) {
        in = false;
      }
      if (in) {
        if (indent < 0) {
          indent = line.length() - line.stripLeading().length();
        }
        out.add(line.length() >= indent ? line.substring(indent) : line.strip());
      }
      if (line.trim().equals("// docs:begin")) {
        in = true;
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no docs:begin/docs:end block in " + source);
    }
    return String.join("\n", out);
  }
}
