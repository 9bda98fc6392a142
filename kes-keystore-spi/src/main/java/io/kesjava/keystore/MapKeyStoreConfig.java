package io.kesjava.keystore;

import io.kesjava.keystore.internal.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link KeyStoreConfig} over a tree of maps, lists and scalars, copied at construction.
 *
 * <p>Scalars are kept as their {@code toString()} text. Error messages name the full key path and
 * what is wrong, never the value, because the view cannot tell which values are secret.
 */
final class MapKeyStoreConfig implements KeyStoreConfig {

  private final String path;
  private final Map<String, Object> values;

  MapKeyStoreConfig(String path, Map<String, ?> values) {
    this.path = Objects.requireNonNull(path, "path");
    this.values = copyMap(Objects.requireNonNull(values, "values"));
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public Set<String> keys() {
    return values.keySet();
  }

  @Override
  public boolean has(String key) {
    return values.get(Objects.requireNonNull(key, "key")) != null;
  }

  @Override
  public Optional<String> string(String key) {
    Object value = values.get(Objects.requireNonNull(key, "key"));
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String)) {
      throw new InvalidConfigException(
          fullKey(key), "expected a single value, found " + kind(value));
    }
    String text = (String) value;
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  @Override
  public String requireString(String key) {
    return string(key)
        .orElseThrow(() -> new InvalidConfigException(fullKey(key), "missing or empty; required"));
  }

  @Override
  public Optional<String> secret(String key) {
    return string(key);
  }

  @Override
  public Duration duration(String key, Duration defaultValue) {
    Objects.requireNonNull(defaultValue, "defaultValue");
    String text = scalar(key);
    if (text == null) {
      return defaultValue;
    }
    Duration parsed;
    try {
      parsed = GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      // Go's message quotes the value; ours does not.
      throw new InvalidConfigException(
          fullKey(key),
          "not a valid duration; write it as a Go duration such as 30s, 500ms or 1h30m");
    }
    if (parsed.isNegative()) {
      throw new InvalidConfigException(fullKey(key), "a duration must not be negative");
    }
    return parsed;
  }

  @Override
  public boolean bool(String key, boolean defaultValue) {
    String text = scalar(key);
    if (text == null) {
      return defaultValue;
    }
    switch (text.toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "on":
      case "y":
        return true;
      case "false":
      case "no":
      case "off":
      case "n":
        return false;
      default:
        throw new InvalidConfigException(
            fullKey(key), "not a boolean; use true/false, yes/no, on/off or y/n");
    }
  }

  @Override
  public int integer(String key, int defaultValue) {
    String text = scalar(key);
    if (text == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(fullKey(key), "not a decimal integer in the int range");
    }
  }

  @Override
  public List<String> strings(String key) {
    Object value = values.get(Objects.requireNonNull(key, "key"));
    if (value == null) {
      return List.of();
    }
    if (value instanceof String) {
      return List.of((String) value);
    }
    if (value instanceof Map) {
      throw new InvalidConfigException(fullKey(key), "expected a list, found a mapping");
    }
    List<?> list = (List<?>) value;
    List<String> result = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      Object element = list.get(i);
      if (element == null) {
        result.add("");
      } else if (element instanceof String) {
        result.add((String) element);
      } else {
        throw new InvalidConfigException(
            fullKey(key) + "[" + i + "]", "expected a single value, found " + kind(element));
      }
    }
    return List.copyOf(result);
  }

  @Override
  public Optional<KeyStoreConfig> child(String key) {
    Object value = values.get(Objects.requireNonNull(key, "key"));
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Map)) {
      throw new InvalidConfigException(fullKey(key), "expected a mapping, found " + kind(value));
    }
    @SuppressWarnings("unchecked") // built by copyMap: String keys only
    Map<String, ?> map = (Map<String, ?>) value;
    return Optional.of(new MapKeyStoreConfig(fullKey(key), map));
  }

  /** The section's path and its key names, nested sections in braces; never a value. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("KeyStoreConfig[").append(path);
    appendKeys(out, values);
    return out.append(']').toString();
  }

  private static void appendKeys(StringBuilder out, Map<?, ?> map) {
    out.append('{');
    String separator = "";
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      out.append(separator).append(entry.getKey());
      if (entry.getValue() instanceof Map) {
        appendKeys(out, (Map<?, ?>) entry.getValue());
      }
      separator = ", ";
    }
    out.append('}');
  }

  /** The scalar text at {@code key}, or {@code null} when absent or null. */
  private String scalar(String key) {
    Object value = values.get(Objects.requireNonNull(key, "key"));
    if (value == null) {
      return null;
    }
    if (!(value instanceof String)) {
      throw new InvalidConfigException(
          fullKey(key), "expected a single value, found " + kind(value));
    }
    return (String) value;
  }

  private String fullKey(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String kind(Object value) {
    return value instanceof Map ? "a mapping" : "a list";
  }

  private static Map<String, Object> copyMap(Map<?, ?> source) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : source.entrySet()) {
      copy.put(String.valueOf(entry.getKey()), copyValue(entry.getValue()));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static Object copyValue(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Map) {
      return copyMap((Map<?, ?>) value);
    }
    if (value instanceof List) {
      List<Object> copy = new ArrayList<>();
      for (Object element : (List<?>) value) {
        copy.add(copyValue(element));
      }
      return Collections.unmodifiableList(copy);
    }
    return value.toString();
  }
}
