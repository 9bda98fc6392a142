package io.kesjava.cli;

import io.kesjava.client.KesClient;
import java.util.function.BiFunction;

/**
 * A client command on one named object, such as {@code kes key info <name>}: one client call with
 * the name, whose failure reads {@code <failure> "<name>": <server message>}, then its answer
 * printed by the subclass.
 *
 * @param <T> what the call answers
 */
abstract class NameCommand<T> extends ClientCommand {

  private final String failure;
  private final BiFunction<KesClient, String, T> call;

  /**
   * @param missing the message when the name is missing, such as {@code no key name specified}
   * @param failure the start of the error line, such as {@code failed to describe key}
   * @param call the client call
   */
  NameCommand(Cli cli, String missing, String failure, BiFunction<KesClient, String, T> call) {
    super(cli, missing, 1);
    this.failure = failure;
    this.call = call;
  }

  @Override
  final void run(KesClient kes) {
    String name = args.get(0);
    print(name, Failures.get(failure + " \"" + name + "\"", () -> call.apply(kes, name)));
  }

  /** Prints the answer of the call for {@code name}. */
  abstract void print(String name, T answer);
}
