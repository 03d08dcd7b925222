package io.github.upserts.micrometer;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** Views of a page: the entity whose generated DAO the tests write through. */
@Upsertable(table = "mtr_visits")
public record MtrVisit(@Key String page, @Increment long views) {}
