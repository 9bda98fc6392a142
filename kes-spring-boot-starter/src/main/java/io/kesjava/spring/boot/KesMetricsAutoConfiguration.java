package io.kesjava.spring.boot;

import io.kesjava.micrometer.KesEngineMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Adds {@link KesEngineMetrics} when Micrometer is present and the {@code Kes} bean is an embedded
 * engine: the engine reports to it, and Spring Boot binds it, as every {@code MeterBinder} bean, to
 * the application's meter registry ({@code docs/metrics.md}). Off with {@code
 * kes.metrics.enabled=false}.
 */
@AutoConfiguration(before = KesAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, KesEngineMetrics.class})
@ConditionalOnBooleanProperty(name = "kes.metrics.enabled", matchIfMissing = true)
@Conditional(OnKesModeCondition.Embedded.class)
public class KesMetricsAutoConfiguration {

  /** The engine's meters. */
  @Bean
  @ConditionalOnMissingBean
  public KesEngineMetrics kesEngineMetrics() {
    return new KesEngineMetrics();
  }
}
