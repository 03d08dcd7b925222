package io.github.upserts.dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/** Picks the {@link Dialect} for a live connection from its {@link DatabaseMetaData}. */
public final class Dialects {
  private Dialects() {}

  /** The databases Upserts has a dialect for, for messages. */
  public static final String SUPPORTED =
      "PostgreSQL 9.5+, SQLite 3.24+, H2 2.x, MariaDB 10+, MySQL 8+";

  /**
   * The dialect for the database {@code connection} talks to.
   *
   * @throws UnsupportedOperationException when no dialect supports that database; the message
   *     names the supported ones and how to set a dialect explicitly
   */
  public static Dialect detect(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    String product = meta.getDatabaseProductName();
    String normalized = product == null ? "" : product.toLowerCase(Locale.ROOT);
    if (normalized.contains("postgresql")) {
      return PostgresDialect.forVersion(meta.getDatabaseMajorVersion());
    }
    if (normalized.equals("sqlite")) {
      return SqliteDialect.forVersion(meta.getDatabaseMajorVersion(), meta.getDatabaseMinorVersion());
    }
    if (normalized.equals("h2")) {
      return H2Dialect.forMetaData(meta);
    }
    if (normalized.contains("mariadb") || normalized.contains("mysql")) {
      // MySQL Connector/J reports MariaDB as "MySQL"; the version string tells them apart
      return MySqlDialect.forServer(product, meta.getDatabaseProductVersion());
    }
    throw new UnsupportedOperationException(
        "Upserts has no dialect for database '" + product + " " + meta.getDatabaseProductVersion()
            + "'; supported: " + SUPPORTED + ". If this database speaks one of those dialects,"
            + " set it explicitly: jdbi.getConfig(Upserts.class).setDialect(...)");
  }
}
