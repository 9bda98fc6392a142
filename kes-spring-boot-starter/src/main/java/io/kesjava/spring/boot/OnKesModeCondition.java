package io.kesjava.spring.boot;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the {@code kes.*} properties configure one mode. Contradictory or missing properties
 * match no mode: {@link KesProperties#afterPropertiesSet()} then fails the start with the reason.
 */
abstract class OnKesModeCondition extends SpringBootCondition {

  private final KesMode mode;

  OnKesModeCondition(KesMode mode) {
    this.mode = mode;
  }

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    KesProperties properties =
        Binder.get(context.getEnvironment())
            .bind("kes", KesProperties.class)
            .orElseGet(KesProperties::new);
    KesMode resolved;
    try {
      resolved = KesMode.resolve(properties);
    } catch (KesConfigurationException e) {
      return ConditionOutcome.noMatch("kes.* properties: " + e.getMessage());
    }
    return resolved == mode
        ? ConditionOutcome.match("kes.* properties configure mode " + mode)
        : ConditionOutcome.noMatch("kes.* properties configure mode " + resolved);
  }

  /** Matches the client mode. */
  static final class Client extends OnKesModeCondition {
    Client() {
      super(KesMode.CLIENT);
    }
  }

  /** Matches the embedded mode. */
  static final class Embedded extends OnKesModeCondition {
    Embedded() {
      super(KesMode.EMBEDDED);
    }
  }
}
