package io.kesjava.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What one parse shares: the environment lookup and the warnings found so far. */
final class ParseContext {

  final Function<String, String> env;
  final List<ConfigWarning> warnings = new ArrayList<>();

  ParseContext(Function<String, String> env) {
    this.env = env;
  }

  void warn(String key, int line, String message) {
    warnings.add(new ConfigWarning(key, line, message));
  }
}
