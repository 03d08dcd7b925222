package io.github.upserts.it;

import io.github.upserts.it.TestDatabases.Database;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The tables of {@link MergeRulesConformanceTest}'s entities (prefix {@code mrc_}) in each
 * database's own DDL, dropped and created afresh before each test.
 */
final class MergeRulesSchema {
  private MergeRulesSchema() {}

  static final List<String> TABLES =
      List.of("mrc_note", "mrc_tally", "mrc_fill", "mrc_gate", "mrc_gate_quiet", "mrc_doc", "mrc_card", "mrc_swap", "mrc_rev");

  private static final List<String> POSTGRES = List.of(
      "CREATE TABLE mrc_note (id text PRIMARY KEY, tags text)",
      "CREATE TABLE mrc_tally (id text PRIMARY KEY, tags text, score bigint NOT NULL, trace bigint NOT NULL)",
      "CREATE TABLE mrc_fill (id text PRIMARY KEY, email text, lvl integer, name text)",
      "CREATE TABLE mrc_gate (id text PRIMARY KEY, status text, body text, hits bigint NOT NULL DEFAULT 0)",
      "CREATE TABLE mrc_gate_quiet (id text PRIMARY KEY, status text, body text)",
      "CREATE TABLE mrc_doc (id text PRIMARY KEY, body text, version bigint NOT NULL)",
      "CREATE TABLE mrc_card (id text PRIMARY KEY, name text, email text, visits bigint NOT NULL DEFAULT 0)",
      "CREATE TABLE mrc_swap (id text PRIMARY KEY, ping text, pong text)",
      "CREATE TABLE mrc_rev (id text PRIMARY KEY, body text, version bigint)");

  /** Keys NOT NULL: a SQLite primary key that is not an INTEGER PRIMARY KEY accepts NULLs. */
  private static final List<String> SQLITE = List.of(
      "CREATE TABLE mrc_note (id TEXT NOT NULL PRIMARY KEY, tags TEXT)",
      "CREATE TABLE mrc_tally (id TEXT NOT NULL PRIMARY KEY, tags TEXT, score INTEGER NOT NULL, trace INTEGER NOT NULL)",
      "CREATE TABLE mrc_fill (id TEXT NOT NULL PRIMARY KEY, email TEXT, lvl INTEGER, name TEXT)",
      "CREATE TABLE mrc_gate (id TEXT NOT NULL PRIMARY KEY, status TEXT, body TEXT, hits INTEGER NOT NULL DEFAULT 0)",
      "CREATE TABLE mrc_gate_quiet (id TEXT NOT NULL PRIMARY KEY, status TEXT, body TEXT)",
      "CREATE TABLE mrc_doc (id TEXT NOT NULL PRIMARY KEY, body TEXT, version INTEGER NOT NULL)",
      "CREATE TABLE mrc_card (id TEXT NOT NULL PRIMARY KEY, name TEXT, email TEXT, visits INTEGER NOT NULL DEFAULT 0)",
      "CREATE TABLE mrc_swap (id TEXT NOT NULL PRIMARY KEY, ping TEXT, pong TEXT)",
      "CREATE TABLE mrc_rev (id TEXT NOT NULL PRIMARY KEY, body TEXT, version INTEGER)");

  /** Unquoted, so H2 stores the names in upper case, as its dialect looks for them. */
  private static final List<String> H2 = List.of(
      "CREATE TABLE mrc_note (id varchar PRIMARY KEY, tags varchar)",
      "CREATE TABLE mrc_tally (id varchar PRIMARY KEY, tags varchar, score bigint NOT NULL, trace bigint NOT NULL)",
      "CREATE TABLE mrc_fill (id varchar PRIMARY KEY, email varchar, lvl integer, name varchar)",
      "CREATE TABLE mrc_gate (id varchar PRIMARY KEY, status varchar, body varchar, hits bigint NOT NULL DEFAULT 0)",
      "CREATE TABLE mrc_gate_quiet (id varchar PRIMARY KEY, status varchar, body varchar)",
      "CREATE TABLE mrc_doc (id varchar PRIMARY KEY, body varchar, version bigint NOT NULL)",
      "CREATE TABLE mrc_card (id varchar PRIMARY KEY, name varchar, email varchar, visits bigint NOT NULL DEFAULT 0)",
      "CREATE TABLE mrc_swap (id varchar PRIMARY KEY, ping varchar, pong varchar)",
      "CREATE TABLE mrc_rev (id varchar PRIMARY KEY, body varchar, version bigint)");

  /** Keys VARCHAR: a TEXT column cannot be in a plain unique index. */
  private static final List<String> MARIADB = List.of(
      "CREATE TABLE mrc_note (id VARCHAR(255) PRIMARY KEY, tags TEXT)",
      "CREATE TABLE mrc_tally (id VARCHAR(255) PRIMARY KEY, tags TEXT, score BIGINT NOT NULL, trace BIGINT NOT NULL)",
      "CREATE TABLE mrc_fill (id VARCHAR(255) PRIMARY KEY, email TEXT, lvl INT, name TEXT)",
      "CREATE TABLE mrc_gate (id VARCHAR(255) PRIMARY KEY, status TEXT, body TEXT, hits BIGINT NOT NULL DEFAULT 0)",
      "CREATE TABLE mrc_gate_quiet (id VARCHAR(255) PRIMARY KEY, status TEXT, body TEXT)",
      "CREATE TABLE mrc_doc (id VARCHAR(255) PRIMARY KEY, body TEXT, version BIGINT NOT NULL)",
      "CREATE TABLE mrc_card (id VARCHAR(255) PRIMARY KEY, name TEXT, email TEXT, visits BIGINT NOT NULL DEFAULT 0)",
      "CREATE TABLE mrc_swap (id VARCHAR(255) PRIMARY KEY, ping TEXT, pong TEXT)",
      "CREATE TABLE mrc_rev (id VARCHAR(255) PRIMARY KEY, body TEXT, version BIGINT)");

  static void reset(Database db, Handle handle) {
    List<String> create = switch (db.kind()) {
      case POSTGRES -> POSTGRES;
      case SQLITE -> SQLITE;
      case H2 -> H2;
      case MARIADB -> MARIADB;
    };
    List<String> statements = new ArrayList<>();
    TABLES.forEach(t -> statements.add("DROP TABLE IF EXISTS " + t));
    statements.addAll(create);
    statements.forEach(handle::execute);
  }
}
