package io.kesjava.bench.jmh;

import io.kesjava.core.KesEngine;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The engine a benchmark's state holds: each subclass builds it in its own setup, and JMH closes it
 * after the trial (JMH runs the annotated methods of superclasses too).
 */
public abstract class EngineState {

  /** Set by the subclass's {@code @Setup(Level.Trial)}. */
  protected KesEngine engine;

  @TearDown(Level.Trial)
  public void closeEngine() {
    engine.close();
  }
}
