package io.github.upserts.kotlin

import com.google.common.truth.Truth.assertThat
import io.github.upserts.Outcome
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres
import java.time.Instant
import java.time.temporal.ChronoUnit
import org.jdbi.v3.core.Jdbi
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

/**
 * The DAO kapt generated for the [PageVisit] data class, run against an embedded PostgreSQL
 * (one server for this class): it binds the data class through its getters and builds rows
 * through its all-args constructor, nullable and non-null properties alike.
 */
class KotlinDataClassTest {
  companion object {
    private lateinit var postgres: EmbeddedPostgres
    private lateinit var jdbi: Jdbi

    @JvmStatic
    @BeforeAll
    fun start() {
      postgres = EmbeddedPostgres.builder().start()
      jdbi = Jdbi.create(postgres.postgresDatabase)
    }

    @JvmStatic
    @AfterAll
    fun stop() {
      postgres.close()
    }
  }

  private val now: Instant = Instant.now().truncatedTo(ChronoUnit.MICROS)

  @BeforeEach
  fun table() {
    jdbi.useHandle<Exception> { h ->
      h.execute("DROP TABLE IF EXISTS kt_page_visits")
      h.execute(
          "CREATE TABLE kt_page_visits (page text NOT NULL, visitor bigint NOT NULL," +
              " visits bigint NOT NULL DEFAULT 0, referrer_url text, seen_at timestamptz," +
              " is_bot boolean NOT NULL DEFAULT false," +
              " PRIMARY KEY (page, visitor))")
    }
  }

  @Test
  fun upsertInsertsThenAddsTheIncrementAndFindReadsTheDataClassBack() {
    val first = PageVisit("/home", 7L, 1L, "https://example.com/", now)
    val second = PageVisit("/home", 7L, 2L, null, now.plusSeconds(1))

    jdbi.useHandle<Exception> { h ->
      assertThat(PageVisitUpserts.upsert(h, first)).isEqualTo(Outcome.INSERTED)
      assertThat(PageVisitUpserts.find(h, "/home", 7L)).hasValue(first)

      assertThat(PageVisitUpserts.upsert(h, second)).isEqualTo(Outcome.UPDATED)
      // visits added (1 + 2); the nullable referrer overwritten with null
      assertThat(PageVisitUpserts.find(h, "/home", 7L))
          .hasValue(PageVisit("/home", 7L, 3L, null, now.plusSeconds(1)))
      assertThat(PageVisitUpserts.find(h, "/away", 7L)).isEmpty()
    }
  }

  @Test
  fun upsertAllWritesEveryRowAndIncrementsTheExistingOnes() {
    jdbi.useHandle<Exception> { h ->
      PageVisitUpserts.upsert(h, PageVisit("/a", 1L, 10L, "r", now))

      val batch = listOf(
          PageVisit("/a", 1L, 5L, null, null),
          PageVisit("/b", 1L, 1L, "https://example.org/", now),
          PageVisit("/b", 2L, 4L, null, now, isBot = true))
      val outcome = PageVisitUpserts.upsertAll(h, batch)

      assertThat(outcome.inserted()).isEqualTo(2)
      assertThat(outcome.updated()).isEqualTo(1)
      val rows = h.createQuery("SELECT page, visitor, visits, referrer_url, seen_at, is_bot FROM kt_page_visits ORDER BY page, visitor")
          .map { rs, _ ->
            PageVisit(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                rs.getObject(5, java.time.OffsetDateTime::class.java)?.toInstant(), rs.getBoolean(6))
          }
          .list()
      assertThat(rows).containsExactly(
          PageVisit("/a", 1L, 15L, null, null),
          PageVisit("/b", 1L, 1L, "https://example.org/", now),
          PageVisit("/b", 2L, 4L, null, now, isBot = true)).inOrder()
    }
  }

  @Test
  fun incrementAddsToTheNonNullCounter() {
    jdbi.useHandle<Exception> { h ->
      PageVisitUpserts.upsert(h, PageVisit("/c", 3L, 1L, null, null))
      assertThat(PageVisitUpserts.incrementVisits(h, "/c", 3L, 41L)).isEqualTo(42L)
      assertThat(PageVisitUpserts.find(h, "/c", 3L).orElseThrow().visits).isEqualTo(42L)
    }
  }
}
