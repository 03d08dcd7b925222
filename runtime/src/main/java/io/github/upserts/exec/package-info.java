/**
 * How statements run: the statements each dialect renders for a table
 * ({@link io.github.upserts.exec.TableStatements}), and the execution strategies and outcome
 * decoders dialects compose (inserted flags, the {@code LAST_INSERT_ID} mark, read-back, two
 * steps in one transaction, bounded retry). Public for dialects written outside this library.
 */
package io.github.upserts.exec;
