package io.github.upserts.dialect;

import io.github.upserts.exec.LastInsertIdMark;
import io.github.upserts.exec.Operation;
import io.github.upserts.exec.TableStatements;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.upserts.BatchOutcome;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SQL text MariaDB and MySQL get. The MariaDB text is executed for real by the processor
 * module's tests (MariaDbTest, ConformanceTest); the MySQL 8.0.19+ row-alias text is checked
 * here only, as no MySQL server is available to the tests.
 */
class MySqlDialectTest {
  private static final Table PAGE_VIEWS = new Table("PageView", "", "page_views", List.of(
      Column.key("page", "page", "page"),
      Column.key("day", "day", "day"),
      Column.value("views", "views", "views", MergePolicy.INCREMENT),
      Column.value("last_seen", "lastSeen", "lastSeen", MergePolicy.OVERWRITE)));

  /** The version column declared before the others: it must still be assigned last. */
  private static final Table EVENTS = new Table("Event", "", "events", List.of(
      Column.key("id", "id", "id"),
      Column.value("version", "version", "version", MergePolicy.NEWER_WINS),
      Column.value("payload", "payload", "payload", MergePolicy.OVERWRITE),
      Column.value("received_at", "receivedAt", "receivedAt", MergePolicy.INSERT_ONLY)));

  private static final MySqlDialect MARIADB = MySqlDialect.forMariaDb(10, 11);
  private static final MySqlDialect MYSQL_8_0_19 = MySqlDialect.forMySql(8, 0, 19);
  private static final MySqlDialect MYSQL_8_0_18 = MySqlDialect.forMySql(8, 0, 18);

  @Test
  void mariaDbUpsertMarksExistingRowsThroughLastInsertId() {
    assertThat(MARIADB.render(PAGE_VIEWS).sql(Operation.UPSERT)).isEqualTo(
        "INSERT INTO `page_views` (`page`, `day`, `views`, `last_seen`)"
            + " VALUES (:page, :day, :views, :lastSeen)"
            + " ON DUPLICATE KEY UPDATE"
            // another key's row, met through another unique index, is marked and left as it is
            + " `page` = IF(LAST_INSERT_ID(IF((`page_views`.`page` <=> VALUES(`page`) AND `page_views`.`day` <=> VALUES(`day`)),"
            + " 9223372036854775807, 9223372036854775804)), `page_views`.`page`, `page_views`.`page`),"
            + " `views` = IF(LAST_INSERT_ID() & 1, COALESCE(`page_views`.`views`, 0) + COALESCE(VALUES(`views`), 0),"
            + " `page_views`.`views`),"
            + " `last_seen` = IF(LAST_INSERT_ID() & 1, VALUES(`last_seen`), `page_views`.`last_seen`)");
  }

  @Test
  void mySqlFrom8019UsesTheRowAlias() {
    assertThat(MYSQL_8_0_19.render(PAGE_VIEWS).sql(Operation.UPSERT)).isEqualTo(
        "INSERT INTO `page_views` (`page`, `day`, `views`, `last_seen`)"
            + " VALUES (:page, :day, :views, :lastSeen) AS `upserts_new`"
            + " ON DUPLICATE KEY UPDATE"
            + " `page` = IF(LAST_INSERT_ID(IF((`page_views`.`page` <=> `upserts_new`.`page` AND `page_views`.`day` <=> `upserts_new`.`day`),"
            + " 9223372036854775807, 9223372036854775804)), `page_views`.`page`, `page_views`.`page`),"
            + " `views` = IF(LAST_INSERT_ID() & 1, COALESCE(`page_views`.`views`, 0) + COALESCE(`upserts_new`.`views`, 0),"
            + " `page_views`.`views`),"
            + " `last_seen` = IF(LAST_INSERT_ID() & 1, `upserts_new`.`last_seen`, `page_views`.`last_seen`)");
    assertThat(MYSQL_8_0_19.render(PAGE_VIEWS).sql(Operation.UPSERT)).doesNotContain("VALUES(");
    assertThat(MySqlDialect.forMySql(9, 1, 0).render(PAGE_VIEWS).sql(Operation.UPSERT)).contains("AS `upserts_new`");
    assertThat(MySqlDialect.forMySql(8, 4, 0).render(PAGE_VIEWS).sql(Operation.UPSERT)).contains("AS `upserts_new`");
  }

  @Test
  void mySqlBefore8019UsesValues() {
    String upsert = MYSQL_8_0_18.render(PAGE_VIEWS).sql(Operation.UPSERT);
    assertThat(upsert).isEqualTo(MARIADB.render(PAGE_VIEWS).sql(Operation.UPSERT));
    assertThat(MySqlDialect.forMySql(5, 7, 44).render(PAGE_VIEWS).sql(Operation.UPSERT)).isEqualTo(upsert);
  }

  @Test
  void serverDetection() {
    MySqlDialect mariaDbDriver = MySqlDialect.forServer("MariaDB", "10.11.19-MariaDB-0+deb12u1");
    assertThat(mariaDbDriver.isMariaDb()).isTrue();
    assertThat(mariaDbDriver.name()).isEqualTo("MariaDB 10.11");
    // MySQL Connector/J calls MariaDB "MySQL" and gets the 5.5.5- prefixed version
    MySqlDialect connectorJ = MySqlDialect.forServer("MySQL", "5.5.5-10.11.19-MariaDB-0+deb12u1");
    assertThat(connectorJ).isEqualTo(mariaDbDriver);
    assertThat(MySqlDialect.forServer("MySQL", "11.4.2-MariaDB").isMariaDb()).isTrue();

    MySqlDialect mySql = MySqlDialect.forServer("MySQL", "8.0.36");
    assertThat(mySql.isMariaDb()).isFalse();
    assertThat(mySql.name()).isEqualTo("MySQL 8.0.36");
    assertThat(mySql.usesRowAlias()).isTrue();
    assertThat(MySqlDialect.forServer("MySQL", "8.0.18-log").usesRowAlias()).isFalse();
    assertThat(MySqlDialect.forServer("MySQL", "8.0.19").usesRowAlias()).isTrue();
    assertThat(MySqlDialect.forServer("MySQL", "5.7.44").usesRowAlias()).isFalse();
    assertThat(MySqlDialect.forServer("MySQL", "9.3.0-commercial").usesRowAlias()).isTrue();
    assertThat(mariaDbDriver.usesRowAlias()).isFalse();
    assertThrows(IllegalArgumentException.class, () -> MySqlDialect.forServer("MySQL", "unknown"));
  }

  @Test
  void newerWinsGuardsEveryAssignmentAndAssignsTheVersionLast() {
    String upsert = MARIADB.render(EVENTS).sql(Operation.UPSERT);
    String guard = "VALUES(`version`) IS NOT NULL AND (`events`.`version` IS NULL"
        + " OR VALUES(`version`) > `events`.`version`)";
    assertThat(upsert).isEqualTo(
        "INSERT INTO `events` (`id`, `version`, `payload`, `received_at`)"
            + " VALUES (:id, :version, :payload, :receivedAt)"
            + " ON DUPLICATE KEY UPDATE"
            // the guard is evaluated once, on the stored values, and kept in the lowest bit
            + " `id` = IF(LAST_INSERT_ID(IF((`events`.`id` <=> VALUES(`id`)),"
            + " IF(" + guard + ", 9223372036854775807, 9223372036854775806), 9223372036854775804)),"
            + " `events`.`id`, `events`.`id`),"
            + " `payload` = IF(LAST_INSERT_ID() & 1, VALUES(`payload`), `events`.`payload`),"
            + " `version` = IF(LAST_INSERT_ID() & 1, VALUES(`version`), `events`.`version`)");
    assertThat(upsert).doesNotContain("received_at` =");
  }

  @Test
  void skipUnchangedComparesNullSafelyOnStoredValues() {
    Table settings = new Table("Setting", "", "settings", List.of(
        Column.key("name", "name", "name"),
        Column.value("value", "value", "value", MergePolicy.OVERWRITE),
        Column.value("hits", "hits", "hits", MergePolicy.INCREMENT)), true);
    assertThat(MARIADB.render(settings).sql(Operation.UPSERT)).endsWith(
        " ON DUPLICATE KEY UPDATE `name` = IF(LAST_INSERT_ID(IF((`settings`.`name` <=> VALUES(`name`)), IF(NOT ("
            + "`settings`.`value` <=> VALUES(`value`) AND `settings`.`hits` <=> "
            + "COALESCE(`settings`.`hits`, 0) + COALESCE(VALUES(`hits`), 0)),"
            + " 9223372036854775807, 9223372036854775806), 9223372036854775804)), `settings`.`name`, `settings`.`name`),"
            + " `value` = IF(LAST_INSERT_ID() & 1, VALUES(`value`), `settings`.`value`),"
            + " `hits` = IF(LAST_INSERT_ID() & 1, COALESCE(`settings`.`hits`, 0)"
            + " + COALESCE(VALUES(`hits`), 0), `settings`.`hits`)");
  }

  @Test
  void maxAndMinKeepTheOtherValueOnANull() {
    Table table = new Table("Profile", "", "profiles", List.of(
        Column.key("id", "id", "id"),
        Column.value("high", "high", "high", MergePolicy.MAX),
        Column.value("low", "low", "low", MergePolicy.MIN),
        Column.value("email", "email", "email", MergePolicy.COALESCE)));
    String upsert = MYSQL_8_0_19.render(table).sql(Operation.UPSERT);
    assertThat(upsert).contains("`high` = IF(LAST_INSERT_ID() & 1, COALESCE(GREATEST(`profiles`.`high`,"
        + " `upserts_new`.`high`), `profiles`.`high`, `upserts_new`.`high`), `profiles`.`high`)");
    assertThat(upsert).contains("`low` = IF(LAST_INSERT_ID() & 1, COALESCE(LEAST(`profiles`.`low`,"
        + " `upserts_new`.`low`), `profiles`.`low`, `upserts_new`.`low`), `profiles`.`low`)");
    assertThat(upsert).contains("`email` = IF(LAST_INSERT_ID() & 1, COALESCE(`upserts_new`.`email`,"
        + " `profiles`.`email`), `profiles`.`email`)");
  }

  @Test
  void insertIfAbsentGetOrInsertFindAndIncrement() {
    TableStatements sql = MARIADB.render(PAGE_VIEWS);
    String keep = "INSERT INTO `page_views` (`page`, `day`, `views`, `last_seen`)"
        + " VALUES (:page, :day, :views, :lastSeen)"
        + " ON DUPLICATE KEY UPDATE `page` = IF(LAST_INSERT_ID(IF((`page_views`.`page` <=> VALUES(`page`) AND `page_views`.`day` <=> VALUES(`day`)),"
        + " 9223372036854775806, 9223372036854775804)), `page_views`.`page`, `page_views`.`page`)";
    assertThat(sql.sql(Operation.INSERT_IF_ABSENT)).isEqualTo(keep);
    assertThat(sql.sql(Operation.GET_OR_INSERT)).isEqualTo(keep);
    assertThat(sql.sql(Operation.UPSERT_RETURNING)).isEqualTo(sql.sql(Operation.UPSERT));
    assertThat(sql.sql(Operation.FIND)).isEqualTo("SELECT `page`, `day`, `views`, `last_seen` FROM `page_views`"
        + " WHERE `page` = :page AND `day` = :day");
    // an increment is marked too: another key's row is left untouched
    assertThat(sql.incrementSql(PAGE_VIEWS.column(2))).isEqualTo(
        "INSERT INTO `page_views` (`page`, `day`, `views`) VALUES (:page, :day, :views)"
            + " ON DUPLICATE KEY UPDATE `page` = IF(LAST_INSERT_ID(IF((`page_views`.`page` <=> VALUES(`page`) AND `page_views`.`day` <=> VALUES(`day`)),"
            + " 9223372036854775807, 9223372036854775804)), `page_views`.`page`, `page_views`.`page`),"
            + " `views` = IF(LAST_INSERT_ID() & 1, COALESCE(`page_views`.`views`, 0) + VALUES(`views`), `page_views`.`views`)");
    assertThat(MYSQL_8_0_19.render(PAGE_VIEWS).incrementSql(PAGE_VIEWS.column(2))).endsWith(
        " AS `upserts_new` ON DUPLICATE KEY UPDATE `page` = IF(LAST_INSERT_ID(IF((`page_views`.`page` <=> `upserts_new`.`page` AND `page_views`.`day` <=> `upserts_new`.`day`),"
            + " 9223372036854775807, 9223372036854775804)), `page_views`.`page`, `page_views`.`page`),"
            + " `views` = IF(LAST_INSERT_ID() & 1, COALESCE(`page_views`.`views`, 0) + `upserts_new`.`views`, `page_views`.`views`)");
    assertThrows(IllegalArgumentException.class, () -> sql.incrementSql(PAGE_VIEWS.column(3)));
  }

  @Test
  void keyOnlyTablesOnlyMarkTheRowAsUntouched() {
    Table tags = new Table("Tag", "", "tags", List.of(Column.key("name", "name", "name")));
    assertThat(MARIADB.render(tags).sql(Operation.UPSERT)).isEqualTo(
        "INSERT INTO `tags` (`name`) VALUES (:name) ON DUPLICATE KEY UPDATE"
            + " `name` = IF(LAST_INSERT_ID(IF((`tags`.`name` <=> VALUES(`name`)), 9223372036854775806,"
            + " 9223372036854775804)), `tags`.`name`, `tags`.`name`)");
  }

  @Test
  void identifiersAreQuotedAndSchemaQualified() {
    Table table = new Table("Odd", "my schema", "we`ird", List.of(
        Column.key("order", "order_", "order_"),
        Column.value("select", "select_", "select_", MergePolicy.OVERWRITE)));
    String upsert = MYSQL_8_0_19.render(table).sql(Operation.UPSERT);
    assertThat(upsert).startsWith("INSERT INTO `my schema`.`we``ird` (`order`, `select`)");
    assertThat(upsert).endsWith("`select` = IF(LAST_INSERT_ID() & 1, `upserts_new`.`select`, `my schema`.`we``ird`.`select`)");
    assertThat(upsert).contains("(`my schema`.`we``ird`.`order` <=> `upserts_new`.`order`)");
    assertThat(upsert).contains("`my schema`.`we``ird`.`order`");
  }

  @Test
  void batchesCountOutcomesOnTopOfABase() {
    TableStatements sql = MARIADB.render(EVENTS);
    assertThat(sql.batchSql(1)).isNotEqualTo(sql.batchSql(2)); // the text depends on the row count
    assertThat(sql.batchSql(2)).isEqualTo(
        "INSERT INTO `events` (`id`, `version`, `payload`, `received_at`) VALUES (?, ?, ?, ?), (?, ?, ?, ?)"
            + " ON DUPLICATE KEY UPDATE `id` = IF(LAST_INSERT_ID(LAST_INSERT_ID() - (LAST_INSERT_ID() & 1)"
            + " + IF((`events`.`id` <=> VALUES(`id`)), IF(VALUES(`version`) IS NOT NULL AND (`events`.`version` IS NULL"
            + " OR VALUES(`version`) > `events`.`version`), 262145, 2), 34359738368))"
            // MariaDB counts in a user variable too, which an auto-increment id never replaces
            + " IS NULL OR (@upserts_batch := @upserts_batch - (@upserts_batch & 1) + IF((`events`.`id` <=> VALUES(`id`)),"
            + " IF(VALUES(`version`) IS NOT NULL AND (`events`.`version` IS NULL OR VALUES(`version`) > `events`.`version`),"
            + " 262145, 2), 34359738368)) IS NULL, `events`.`id`, `events`.`id`),"
            + " `payload` = IF(LAST_INSERT_ID() & 1, VALUES(`payload`), `events`.`payload`),"
            + " `version` = IF(LAST_INSERT_ID() & 1, VALUES(`version`), `events`.`version`)");
    assertThat(MYSQL_8_0_19.render(PAGE_VIEWS).batchSql(1)).isEqualTo(
        "INSERT INTO `page_views` (`page`, `day`, `views`, `last_seen`) VALUES (?, ?, ?, ?)"
            + " AS `upserts_new` ON DUPLICATE KEY UPDATE"
            + " `page` = IF(LAST_INSERT_ID(LAST_INSERT_ID() - (LAST_INSERT_ID() & 1) + IF((`page_views`.`page` <=> `upserts_new`.`page` AND `page_views`.`day` <=> `upserts_new`.`day`),"
            + " 262145, 34359738368)), `page_views`.`page`, `page_views`.`page`),"
            + " `views` = IF(LAST_INSERT_ID() & 1, COALESCE(`page_views`.`views`, 0) + COALESCE(`upserts_new`.`views`, 0),"
            + " `page_views`.`views`),"
            + " `last_seen` = IF(LAST_INSERT_ID() & 1, `upserts_new`.`last_seen`, `page_views`.`last_seen`)");
  }

  @Test
  void batchOutcomesAreDecodedExactlyUnlessAnAutoIncrementIdReplacedThem() {
    BigInteger base = BigInteger.valueOf(LastInsertIdMark.BATCH_BASE);
    // 3 updated, 2 untouched, the last row's guard failed (lowest bit 0)
    BigInteger counted = base.add(BigInteger.valueOf(2 * (3 * LastInsertIdMark.BATCH_UPDATED + 2)));
    assertThat(LastInsertIdMark.batch(EVENTS, 10, counted))
        .isEqualTo(new BatchOutcome(10, 0, 5, 3, 2, 0, true));
    assertThat(LastInsertIdMark.batch(PAGE_VIEWS, 10, counted.add(BigInteger.ONE)))
        .isEqualTo(new BatchOutcome(10, 0, 5, 3, 0, 2, true));
    assertThat(LastInsertIdMark.batch(PAGE_VIEWS, 4, base))
        .isEqualTo(new BatchOutcome(4, 0, 4, 0, 0, 0, true));
    // an AUTO_INCREMENT id came back instead of the count
    assertThat(LastInsertIdMark.batch(PAGE_VIEWS, 4, BigInteger.valueOf(17)))
        .isEqualTo(new BatchOutcome(4, 0, 0, 4, 0, 0, false));
    assertThat(LastInsertIdMark.collided(counted)).isFalse();
    assertThat(LastInsertIdMark.collided(BigInteger.valueOf(17))).isFalse();
    // one collided row among 3 updated and 2 untouched ones
    assertThat(LastInsertIdMark.collided(counted.add(BigInteger.valueOf(2 * LastInsertIdMark.BATCH_COLLIDED)))).isTrue();
  }

  @Test
  void batchesStayUnderTheBindLimit() {
    assertThat(MARIADB.render(PAGE_VIEWS).batchRows()).isEqualTo(5_000);
    List<Column> wide = new ArrayList<>();
    wide.add(Column.key("id", "id", "id"));
    for (int i = 0; i < 29; i++) {
      wide.add(Column.value("c" + i, "c" + i, "c" + i, MergePolicy.OVERWRITE));
    }
    TableStatements sql = MARIADB.render(new Table("Wide", "", "wide", wide));
    int rows = sql.batchRows();
    assertThat(rows).isEqualTo(65_535 / 30);
    assertThat(rows * 30).isAtMost(65_535);
  }

  @Test
  void equalWhenTheyRenderForTheSameServer() {
    assertThat(MySqlDialect.forMariaDb(10, 11)).isEqualTo(MARIADB);
    assertThat(MySqlDialect.forMariaDb(10, 11).hashCode()).isEqualTo(MARIADB.hashCode());
    assertThat(MYSQL_8_0_19).isNotEqualTo(MYSQL_8_0_18);
    assertThat(MySqlDialect.forMariaDb()).isNotEqualTo(MYSQL_8_0_18);
  }

  @Test
  void aStoredValueByKeyIsReadThroughAMaterializedDerivedTableLocked() {
    Column name = Column.value("name", "name", "name", MergePolicy.COALESCE);
    Table people = new Table("Person", "", "people", List.of(Column.key("id", "id", "id"), name,
        Column.value("email", "email", "email", MergePolicy.OVERWRITE))).leaving(List.of(), List.of(name));
    String stored = "(SELECT upserts_s.`name` FROM (SELECT `name` FROM `people` WHERE `id` = %s LIMIT 1 FOR UPDATE) AS upserts_s)";
    TableStatements sql = MySqlDialect.forMySql(8, 0, 36).render(people);
    assertThat(sql.sql(Operation.UPSERT)).startsWith("INSERT INTO `people` (`id`, `email`, `name`) VALUES (:id, :email, "
        + stored.formatted(":id") + ") AS `upserts_new` ON DUPLICATE KEY UPDATE");
    assertThat(sql.sql(Operation.UPSERT)).doesNotContain("`name` = IF");
    assertThat(sql.batchSql(2)).startsWith("INSERT INTO `people` (`id`, `email`, `name`) VALUES (?, ?, " + stored.formatted("?")
        + "), (?, ?, " + stored.formatted("?") + ") AS `upserts_new`");
  }
}
