package io.github.upserts.benchmarks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a {@code @Benchmark} method measures, in the words of the results table; the one
 * {@linkplain #baseline() baseline} of its class is what every other contender of that class is
 * compared with: the hand-written JDBC code, or, for the processor's compile cost, javac without
 * the processor.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Contender {
  /** A short description, e.g. "generated upsertAll". */
  String value();

  /** Whether this is the contender the others are divided by (hand-written JDBC, or javac alone). */
  boolean baseline() default false;
}
