package io.github.upserts.it;

import io.github.upserts.it.TestDatabases.Database;
import io.github.upserts.it.TestDatabases.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite databases for the tests: files in a temporary directory of this JVM (deleted at exit),
 * never {@code :memory:}, so every connection of a {@link Jdbi} sees the same data. Configured
 * the way {@link io.github.upserts.dialect.SqliteDialect} asks its users to: WAL, so readers and
 * the writer do not block each other, and a busy timeout, so a writer waits for the write lock
 * instead of failing with {@code SQLITE_BUSY}.
 */
final class SqliteTestDatabase {
  /** Long enough that no test's writer ever gives up waiting for the lock. */
  static final int BUSY_TIMEOUT_MILLIS = 60_000;

  private static Path directory;

  private SqliteTestDatabase() {}

  /** The database of the conformance suite. */
  static Database conformance() {
    return new Database("embedded SQLite", Kind.SQLITE, jdbi("conformance", config -> {}));
  }

  /**
   * A {@link Jdbi} on a new (or emptied) database file named {@code name}, configured as
   * recommended and then by {@code adjust}.
   */
  static Jdbi jdbi(String name, Consumer<SQLiteConfig> adjust) {
    Path file = directory().resolve(name + ".db");
    try {
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Files.deleteIfExists(Path.of(file + suffix));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    // for speed only: with WAL, NORMAL syncs at checkpoints rather than at every commit
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    adjust.accept(config);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file);
    return Jdbi.create(dataSource);
  }

  private static synchronized Path directory() {
    if (directory == null) {
      try {
        directory = Files.createTempDirectory("upserts-sqlite");
      } catch (IOException e) {
        throw new UncheckedIOException("Could not create a directory for the SQLite test databases", e);
      }
      Path created = directory;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try (Stream<Path> files = Files.walk(created)) {
          files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
          // the JVM is exiting; the directory is temporary anyway
        }
      }, "sqlite-test-files-cleanup"));
    }
    return directory;
  }
}
