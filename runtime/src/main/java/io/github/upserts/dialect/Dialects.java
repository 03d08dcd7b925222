package io.github.upserts.dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** Picks the {@link Dialect} for a live connection from its {@link DatabaseMetaData}. */
public final class Dialects {
  private Dialects() {}

  /** The databases Upserts has a dialect for, for messages. */
  public static final String SUPPORTED =
      "PostgreSQL 9.5+ (and CockroachDB, YugabyteDB), SQLite 3.24+, H2 2.x, MariaDB 10+, MySQL 8+";

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
      // CockroachDB and YugabyteDB call themselves PostgreSQL in the metadata (CockroachDB even
      // reports a PostgreSQL version); version() names them
      return forPostgresProtocol(meta.getDatabaseMajorVersion(),
          meta.getDatabaseProductVersion() + " " + versionFunction(connection));
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
    throw unsupported(product, meta.getDatabaseProductVersion());
  }

  /**
   * The dialect for a server that speaks PostgreSQL's protocol, from the major version it
   * reports and the text of its version strings: PostgreSQL itself, or an engine without
   * PostgreSQL's system columns.
   */
  static Dialect forPostgresProtocol(int reportedMajorVersion, String versionText) {
    String version = versionText.toLowerCase(Locale.ROOT);
    if (version.contains("cockroachdb")) {
      return PostgresDialect.withoutSystemColumns("CockroachDB");
    }
    // YugabyteDB's server_version and version() read e.g. "11.2-YB-2.20.2.0-b0"
    if (version.contains("-yb-") || version.contains("yugabyte")) {
      return PostgresDialect.withoutSystemColumns("YugabyteDB");
    }
    return PostgresDialect.forVersion(reportedMajorVersion);
  }

  /** What {@code SELECT version()} returns, or an empty string when it fails. */
  private static String versionFunction(Connection connection) {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT version()")) {
      return result.next() ? String.valueOf(result.getString(1)) : "";
    } catch (SQLException e) {
      // the metadata alone then decides: PostgreSQL of the reported version
      return "";
    }
  }

  private static UnsupportedOperationException unsupported(String product, String version) {
    return new UnsupportedOperationException(
        "Upserts has no dialect for database '" + product + " " + version
            + "'; supported: " + SUPPORTED + ". If this database speaks one of those dialects,"
            + " set it explicitly: jdbi.getConfig(Upserts.class).setDialect(...)");
  }
}
