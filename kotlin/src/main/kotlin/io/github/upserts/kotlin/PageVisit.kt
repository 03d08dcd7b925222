package io.github.upserts.kotlin

import io.github.upserts.Increment
import io.github.upserts.Key
import io.github.upserts.Upsertable
import java.time.Instant
import org.jdbi.v3.core.mapper.reflect.ColumnName

/**
 * A Kotlin entity: a `data class` of `val`s (a final class with private fields, getters and an
 * all-args constructor to the processor), annotated without use-site targets. `@Key` and
 * `@Increment` target Java fields, so Kotlin puts them on the backing fields.
 */
@Upsertable(table = "kt_page_visits")
data class PageVisit(
    @Key val page: String,
    @Key val visitor: Long,
    @Increment val visits: Long,
    /**
     * Nullable: SQL `NULL` reads back as `null`. `@param:` puts `@ColumnName` on the constructor
     * parameter alone, where Kotlin before 2.2 puts it by default; the processor reads it there.
     */
    @param:ColumnName("referrer_url") val referrer: String?,
    /** Kotlin 2.2+ puts `@ColumnName` on the constructor parameter and the backing field. */
    @ColumnName("seen_at") val lastSeen: Instant?,
    /** An `is` name: the field and getter are both `isBot`; the column `is_bot`. A default value. */
    val isBot: Boolean = false,
)
