package io.github.upserts.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A benchmark whose contenders run in turns in one trial ({@link Rotation}): each iteration
 * opens and closes the rotation's accounts, which {@link RotationProfiler} then reports.
 */
abstract class InTurns {
  /** Set by the trial's set-up. */
  protected Rotation rotation;

  @Setup(Level.Iteration)
  public void startIteration() {
    rotation.startIteration();
  }

  /** Before the trial's tear-down, which closes the connections whose backends it reads. */
  @TearDown(Level.Iteration)
  public void endIteration() {
    rotation.endIteration();
  }
}
