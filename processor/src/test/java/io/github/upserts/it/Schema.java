package io.github.upserts.it;

import org.jdbi.v3.core.Handle;

/** The tables of the test entities, dropped and created afresh before each test. */
final class Schema {
  private Schema() {}

  private static final String[] DDL = {
    "DROP TABLE IF EXISTS page_views",
    "CREATE TABLE page_views (page text NOT NULL, day date NOT NULL,"
        + " views bigint NOT NULL DEFAULT 0, last_seen timestamptz, PRIMARY KEY (page, day))",
    "DROP TABLE IF EXISTS accounts",
    "CREATE TABLE accounts (id uuid PRIMARY KEY, email text, balance numeric(20, 2), status text)",
    "DROP TABLE IF EXISTS customer",
    "CREATE TABLE customer (customer_id bigint PRIMARY KEY, name text, visits integer,"
        + " active boolean NOT NULL DEFAULT false)",
    "DROP TABLE IF EXISTS prices",
    "CREATE TABLE prices (sku text, currency text, amount double precision NOT NULL DEFAULT 0,"
        + " volume double precision, PRIMARY KEY (sku, currency))",
    "DROP TABLE IF EXISTS \"order\"",
    "CREATE TABLE \"order\" (\"user\" text NOT NULL, \"group\" integer NOT NULL, \"from\" text,"
        + " \"count\" smallint, UNIQUE (\"user\", \"group\"))",
    "CREATE SCHEMA IF NOT EXISTS upserts_it",
    "DROP TABLE IF EXISTS upserts_it.\"Label Set\"",
    "CREATE TABLE upserts_it.\"Label Set\" (code text PRIMARY KEY, \"Display Name\" text)",
    "DROP TABLE IF EXISTS documents",
    "CREATE TABLE documents (id uuid PRIMARY KEY, body bytea, tags text[], price bigint)",
    "DROP TABLE IF EXISTS profiles",
    "CREATE TABLE profiles (id text PRIMARY KEY, email text, high_score integer, first_seen date,"
        + " created_at timestamptz, logins bigint NOT NULL DEFAULT 0, nickname text)",
    "DROP TABLE IF EXISTS events",
    "CREATE TABLE events (id text PRIMARY KEY, version bigint NOT NULL, payload text,"
        + " received_at timestamptz)",
    "DROP TABLE IF EXISTS readings",
    "CREATE TABLE readings (sensor text PRIMARY KEY, taken_at timestamptz, value double precision)",
    "DROP TABLE IF EXISTS settings",
    "CREATE TABLE settings (name text PRIMARY KEY, value text, created_at timestamptz)",
    "DROP TABLE IF EXISTS notes",
    "CREATE TABLE notes (created_at timestamptz, updated_at timestamptz, id text PRIMARY KEY, text text)",
    "DROP TABLE IF EXISTS samples",
    "CREATE TABLE samples (id text, day date, level smallint NOT NULL, count integer NOT NULL,"
        + " ratio real, score double precision, flag boolean, amount numeric, big numeric,"
        + " local_at timestamp, clock time, offset_at timestamptz, at timestamptz, ref uuid,"
        + " blob bytea, PRIMARY KEY (id, day))",
    "DROP TABLE IF EXISTS tags",
    "CREATE TABLE tags (name text PRIMARY KEY)",
  };

  static void reset(Handle handle) {
    for (String statement : DDL) {
      handle.execute(statement);
    }
  }
}
