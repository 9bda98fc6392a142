package io.kesjava.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link KesConfigurationException} at start as what is wrong and what to do. */
class KesConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<KesConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, KesConfigurationException cause) {
    return new FailureAnalysis("Invalid KES configuration: " + cause.getMessage(), cause.action(),
        cause);
  }
}
