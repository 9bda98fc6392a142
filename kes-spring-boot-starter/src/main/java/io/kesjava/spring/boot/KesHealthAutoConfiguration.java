package io.kesjava.spring.boot;

import io.kesjava.core.Kes;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code kes} health indicator ({@link KesHealthIndicator}) for the application's {@link
 * Kes} bean, the auto-configured one or its own, when Actuator's health is present. Off with {@code
 * management.health.kes.enabled=false}.
 */
@AutoConfiguration(after = KesAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnSingleCandidate(Kes.class)
@ConditionalOnEnabledHealthIndicator("kes")
public class KesHealthAutoConfiguration {

  /** The {@code kes} health: the bean name without "HealthIndicator". */
  @Bean
  @ConditionalOnMissingBean(name = "kesHealthIndicator")
  public KesHealthIndicator kesHealthIndicator(Kes kes) {
    return new KesHealthIndicator(kes);
  }
}
