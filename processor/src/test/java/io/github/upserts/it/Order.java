package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** Reserved words everywhere: table {@code order}, columns {@code user}, {@code group}, {@code from}. */
@Upsertable(table = "order")
public record Order(@Key String user, @Key int group, String from, @Increment short count) {}
