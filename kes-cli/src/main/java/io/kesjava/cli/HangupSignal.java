package io.kesjava.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs an action on SIGHUP instead of the JVM's default, which stops the process ({@code
 * docs/configuration.md#reloading}). Uses {@code sun.misc.Signal} from {@code jdk.unsupported}, by
 * reflection: where the class or the signal is missing (Windows, {@code -Xrs}), nothing is
 * installed and a warning says so.
 *
 * <p>Thread-safety: stateless. The action runs on a thread of the JVM's signal dispatcher, one per
 * signal; it must not throw.
 */
final class HangupSignal {

  private HangupSignal() {}

  /**
   * Installs {@code action} as the SIGHUP handler.
   *
   * @param warn told once, why, when no handler could be installed
   * @return whether the handler is installed
   */
  static boolean install(Runnable action, Consumer<String> warn) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(warn, "warn");
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object hup = signalClass.getConstructor(String.class).newInstance("HUP");
      InvocationHandler onSignal =
          (proxy, method, args) ->
              switch (method.getName()) {
                case "handle" -> {
                  action.run();
                  yield null;
                }
                case "toString" -> "kes SIGHUP handler";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
              };
      Object handler =
          Proxy.newProxyInstance(
              HangupSignal.class.getClassLoader(), new Class<?>[] {handlerClass}, onSignal);
      signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, hup, handler);
      return true;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      Throwable cause =
          e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null
              ? e.getCause()
              : e;
      warn.accept("SIGHUP does not reload the config on this JVM ("
          + cause.getClass().getSimpleName() + "); restart the server to apply changes");
      return false;
    }
  }
}
