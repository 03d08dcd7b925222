package io.github.upserts.it;

import io.github.upserts.it.TestDatabases.Database;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The tables of the conformance suite's entities in each database's own DDL, dropped and
 * created afresh before each test: PageView, Profile, Event, Setting, Tag, Order and Ledger.
 */
final class ConformanceSchema {
  private ConformanceSchema() {}

  private static final List<String> POSTGRES = List.of(
      "DROP TABLE IF EXISTS page_views",
      "CREATE TABLE page_views (page text NOT NULL, day date NOT NULL,"
          + " views bigint NOT NULL DEFAULT 0, last_seen timestamptz, PRIMARY KEY (page, day))",
      "DROP TABLE IF EXISTS profiles",
      "CREATE TABLE profiles (id text PRIMARY KEY, email text, high_score integer, first_seen date,"
          + " created_at timestamptz, logins bigint NOT NULL DEFAULT 0, nickname text)",
      "DROP TABLE IF EXISTS events",
      "CREATE TABLE events (id text PRIMARY KEY, version bigint NOT NULL, payload text,"
          + " received_at timestamptz)",
      "DROP TABLE IF EXISTS settings",
      "CREATE TABLE settings (name text PRIMARY KEY, value text, created_at timestamptz)",
      "DROP TABLE IF EXISTS tags",
      "CREATE TABLE tags (name text PRIMARY KEY)",
      "DROP TABLE IF EXISTS \"order\"",
      "CREATE TABLE \"order\" (\"user\" text NOT NULL, \"group\" integer NOT NULL, \"from\" text,"
          + " \"count\" smallint, UNIQUE (\"user\", \"group\"))",
      "DROP TABLE IF EXISTS ledgers",
      "CREATE TABLE ledgers (account text PRIMARY KEY, total numeric(40) NOT NULL DEFAULT 0,"
          + " last_transfer uuid)");

  /**
   * SQLite is dynamically typed; the declared types give each column the affinity that keeps
   * what JDBI binds: LocalDate as ISO text (DATE: numeric affinity, the text stays text),
   * Instant as epoch milliseconds (TIMESTAMP), integers as INTEGER. Keys are NOT NULL, since a
   * SQLite primary key that is not an INTEGER PRIMARY KEY accepts NULLs.
   */
  private static final List<String> SQLITE = List.of(
      "DROP TABLE IF EXISTS page_views",
      "CREATE TABLE page_views (page TEXT NOT NULL, day DATE NOT NULL,"
          + " views INTEGER NOT NULL DEFAULT 0, last_seen TIMESTAMP, PRIMARY KEY (page, day))",
      "DROP TABLE IF EXISTS profiles",
      "CREATE TABLE profiles (id TEXT NOT NULL PRIMARY KEY, email TEXT, high_score INTEGER,"
          + " first_seen DATE, created_at TIMESTAMP, logins INTEGER NOT NULL DEFAULT 0, nickname TEXT)",
      "DROP TABLE IF EXISTS events",
      "CREATE TABLE events (id TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, payload TEXT,"
          + " received_at TIMESTAMP)",
      "DROP TABLE IF EXISTS settings",
      "CREATE TABLE settings (name TEXT NOT NULL PRIMARY KEY, value TEXT, created_at TIMESTAMP)",
      "DROP TABLE IF EXISTS tags",
      "CREATE TABLE tags (name TEXT NOT NULL PRIMARY KEY)",
      "DROP TABLE IF EXISTS \"order\"",
      "CREATE TABLE \"order\" (\"user\" TEXT NOT NULL, \"group\" INTEGER NOT NULL, \"from\" TEXT,"
          + " \"count\" INTEGER, UNIQUE (\"user\", \"group\"))",
      "DROP TABLE IF EXISTS ledgers",
      "CREATE TABLE ledgers (account TEXT NOT NULL PRIMARY KEY, total INTEGER NOT NULL DEFAULT 0,"
          + " last_transfer TEXT)");

  /**
   * H2 folds unquoted names to upper case, so the DDL is written unquoted where it can be and
   * reserved words ({@code DAY}, {@code VALUE}, {@code ORDER}, {@code USER}, {@code GROUP},
   * {@code FROM}) are quoted in upper case: the names H2 would have stored unquoted, which is
   * what the H2 dialect looks for.
   */
  private static final List<String> H2 = List.of(
      "DROP TABLE IF EXISTS page_views",
      "CREATE TABLE page_views (page varchar NOT NULL, \"DAY\" date NOT NULL,"
          + " views bigint NOT NULL DEFAULT 0, last_seen timestamp with time zone,"
          + " PRIMARY KEY (page, \"DAY\"))",
      "DROP TABLE IF EXISTS profiles",
      "CREATE TABLE profiles (id varchar PRIMARY KEY, email varchar, high_score integer,"
          + " first_seen date, created_at timestamp with time zone, logins bigint NOT NULL DEFAULT 0,"
          + " nickname varchar)",
      "DROP TABLE IF EXISTS events",
      "CREATE TABLE events (id varchar PRIMARY KEY, version bigint NOT NULL, payload varchar,"
          + " received_at timestamp with time zone)",
      "DROP TABLE IF EXISTS settings",
      "CREATE TABLE settings (name varchar PRIMARY KEY, \"VALUE\" varchar,"
          + " created_at timestamp with time zone)",
      "DROP TABLE IF EXISTS tags",
      "CREATE TABLE tags (name varchar PRIMARY KEY)",
      "DROP TABLE IF EXISTS \"ORDER\"",
      "CREATE TABLE \"ORDER\" (\"USER\" varchar NOT NULL, \"GROUP\" integer NOT NULL,"
          + " \"FROM\" varchar, count smallint, UNIQUE (\"USER\", \"GROUP\"))",
      "DROP TABLE IF EXISTS ledgers",
      "CREATE TABLE ledgers (account varchar PRIMARY KEY, total numeric(40) NOT NULL DEFAULT 0,"
          + " last_transfer uuid)");

  /** Keys are VARCHAR (a TEXT column cannot be in a plain unique index); instants DATETIME(6). */
  private static final List<String> MARIADB = List.of(
      "DROP TABLE IF EXISTS page_views",
      "CREATE TABLE page_views (page VARCHAR(255) NOT NULL, day DATE NOT NULL,"
          + " views BIGINT NOT NULL DEFAULT 0, last_seen DATETIME(6), PRIMARY KEY (page, day))",
      "DROP TABLE IF EXISTS profiles",
      "CREATE TABLE profiles (id VARCHAR(255) PRIMARY KEY, email TEXT, high_score INT,"
          + " first_seen DATE, created_at DATETIME(6), logins BIGINT NOT NULL DEFAULT 0, nickname TEXT)",
      "DROP TABLE IF EXISTS events",
      "CREATE TABLE events (id VARCHAR(255) PRIMARY KEY, version BIGINT NOT NULL, payload TEXT,"
          + " received_at DATETIME(6))",
      "DROP TABLE IF EXISTS settings",
      "CREATE TABLE settings (name VARCHAR(255) PRIMARY KEY, value TEXT, created_at DATETIME(6))",
      "DROP TABLE IF EXISTS tags",
      "CREATE TABLE tags (name VARCHAR(255) PRIMARY KEY)",
      "DROP TABLE IF EXISTS `order`",
      "CREATE TABLE `order` (`user` VARCHAR(255) NOT NULL, `group` INT NOT NULL, `from` TEXT,"
          + " `count` SMALLINT, UNIQUE (`user`, `group`))",
      "DROP TABLE IF EXISTS ledgers",
      "CREATE TABLE ledgers (account VARCHAR(255) PRIMARY KEY, total DECIMAL(40, 0) NOT NULL"
          + " DEFAULT 0, last_transfer UUID)");

  static void reset(Database db, Handle handle) {
    List<String> statements = switch (db.kind()) {
      case POSTGRES -> POSTGRES;
      case SQLITE -> SQLITE;
      case H2 -> H2;
      case MARIADB -> MARIADB;
      default -> throw new UnsupportedOperationException("no conformance DDL for " + db.kind() + " yet");
    };
    statements.forEach(handle::execute);
  }
}
