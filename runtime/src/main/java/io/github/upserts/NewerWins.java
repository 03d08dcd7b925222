package io.github.upserts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one column (a version number or a timestamp) that decides whether an upsert may
 * update an existing row: the update happens only when the incoming value is greater than the
 * stored one; otherwise the stored row stays untouched and the upsert reports
 * {@link Outcome#SKIPPED}. A stored {@code NULL} loses to any incoming value; an incoming
 * {@code null} never wins. At most one per entity; numbers and points in time (as for
 * {@link Max @Max}); not on a
 * {@link Key @Key}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface NewerWins {}
