package io.github.upserts.example;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Views of one page on one day: the row many threads update-or-create at the same time.
 * The annotation processor generates {@code PageViewUpserts} from it.
 */
@Upsertable(table = "page_views")
public record PageView(@Key String page, @Key LocalDate day, @Increment long views, Instant lastSeen) {}
