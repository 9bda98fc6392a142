package io.kesjava.spring.boot;

import io.kesjava.client.KesClient;
import io.kesjava.core.Kes;
import io.kesjava.core.KesEngine;
import io.kesjava.core.KesEngineListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configures a {@link Kes} bean from the {@code kes.*} properties ({@code
 * docs/spring-boot.md}): a {@link KesClient} for {@code kes.client.*}, or a {@link KesEngine} for
 * {@code kes.embedded.*}, which reports to every {@link KesEngineListener} bean (such as the
 * Micrometer binder {@link KesMetricsAutoConfiguration} adds). Backs off when the application
 * defines its own {@link Kes} bean, or sets {@code kes.enabled=false}. The bean is closed with the
 * application context.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "kes.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(Kes.class)
@EnableConfigurationProperties(KesProperties.class)
public class KesAutoConfiguration {

  /** A client of the KES servers of {@code kes.client.*}. */
  @Bean
  @Conditional(OnKesModeCondition.Client.class)
  public KesClient kesClient(KesProperties properties) {
    return KesFactory.client(properties.getClient());
  }

  /** An engine over the key store of {@code kes.embedded.*}. */
  @Bean
  @Conditional(OnKesModeCondition.Embedded.class)
  public KesEngine kesEngine(
      KesProperties properties,
      ObjectProvider<KesEngineListener> listeners,
      ResourceLoader resourceLoader) {
    return KesFactory.engine(
        properties.getEmbedded(), resourceLoader.getClassLoader(), listeners.orderedStream().toList());
  }
}
