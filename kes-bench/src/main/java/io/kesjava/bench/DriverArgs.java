package io.kesjava.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The command line of a benchmark driver's {@code main}: options {@code --name value} and switches
 * {@code --name}, in any order (the last of a repeated option wins), then optionally {@code --}
 * and the rest, which {@link #rest()} gives. A driver reads each option with its default through
 * the getters, then calls {@link #done()}, which rejects whatever no getter asked for with {@code
 * unknown argument <arg>}.
 */
public final class DriverArgs {

  private final List<String> names = new ArrayList<>();
  /** The value after each name; {@code null} for a switch or an option at the very end. */
  private final List<String> values = new ArrayList<>();
  private final List<String> rest;
  private final Set<String> asked = new HashSet<>();
  private boolean restAsked;

  /**
   * @param args the arguments of {@code main}
   * @param switches the names that take no value, such as {@code --handshake}
   */
  public DriverArgs(String[] args, String... switches) {
    Set<String> noValue = Set.of(switches);
    int i = 0;
    for (; i < args.length && !args[i].equals("--"); i++) {
      names.add(args[i]);
      values.add(noValue.contains(args[i]) || i + 1 == args.length ? null : args[++i]);
    }
    rest = i < args.length ? List.copyOf(Arrays.asList(args).subList(i + 1, args.length)) : null;
  }

  /** Whether the switch {@code name} is given. */
  public boolean has(String name) {
    asked.add(name);
    return names.contains(name);
  }

  /** Every value of the option {@code name}, in order, each parsed; empty when it is not given. */
  public <T> List<T> repeated(String name, Function<String, T> parse) {
    asked.add(name);
    List<T> all = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equals(name)) {
        if (values.get(i) == null) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        all.add(parse.apply(values.get(i)));
      }
    }
    return all;
  }

  /** The last value of the option {@code name}, parsed; {@code otherwise} when it is not given. */
  public <T> T value(String name, Function<String, T> parse, T otherwise) {
    List<T> all = repeated(name, parse);
    return all.isEmpty() ? otherwise : all.get(all.size() - 1);
  }

  /** The option {@code name}'s value, a comma-separated list, each item trimmed and parsed. */
  public <T> List<T> list(String name, Function<String, T> parse, List<T> otherwise) {
    return value(name, v -> Arrays.stream(v.split(",")).map(s -> parse.apply(s.trim())).toList(),
        otherwise);
  }

  public String string(String name, String otherwise) {
    return value(name, Function.identity(), otherwise);
  }

  public int integer(String name, int otherwise) {
    return value(name, Integer::valueOf, otherwise);
  }

  public double decimal(String name, double otherwise) {
    return value(name, Double::valueOf, otherwise);
  }

  /** The option {@code name} as a path; {@code null} when it is not given. */
  public Path path(String name) {
    return value(name, Path::of, null);
  }

  /** What follows {@code --}: empty when there is no {@code --}. */
  public List<String> rest() {
    restAsked = true;
    return rest == null ? List.of() : rest;
  }

  /** Rejects the first argument that no getter asked for: {@code unknown argument <arg>}. */
  public void done() {
    for (String name : names) {
      if (!asked.contains(name)) {
        throw new IllegalArgumentException("unknown argument " + name);
      }
    }
    if (rest != null && !restAsked) {
      throw new IllegalArgumentException("unknown argument --");
    }
  }
}
