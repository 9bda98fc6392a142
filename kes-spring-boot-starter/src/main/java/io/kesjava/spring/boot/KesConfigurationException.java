package io.kesjava.spring.boot;

import java.util.Objects;

/**
 * The {@code kes.*} properties are missing, contradictory or invalid. Spring Boot reports it at
 * start as a failure analysis: what is wrong, and what to do ({@link
 * KesConfigurationFailureAnalyzer}).
 *
 * <p>Security: messages name properties and files, never their secret values.
 */
public class KesConfigurationException extends RuntimeException {

  private final String action;

  /**
   * @param problem what is wrong, naming the properties
   * @param action what to do about it
   */
  public KesConfigurationException(String problem, String action) {
    this(problem, action, null);
  }

  /**
   * @param problem what is wrong, naming the properties
   * @param action what to do about it
   * @param cause the underlying failure, or {@code null}
   */
  public KesConfigurationException(String problem, String action, Throwable cause) {
    super(Objects.requireNonNull(problem, "problem"), cause);
    this.action = Objects.requireNonNull(action, "action");
  }

  /** What to do about it. */
  public String action() {
    return action;
  }
}
