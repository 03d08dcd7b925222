package io.github.upserts.dialect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The description of one entity's table that every {@link Dialect} renders its SQL from:
 * the qualified name, the mapped columns in declaration order, which of them form the unique
 * key, and the merge policy of each. Generated DAOs hold one as a constant.
 */
public final class Table {
  private final String entity;
  private final String schema;
  private final String name;
  private final List<Column> columns;
  private final List<Column> keys;
  private final List<Column> values;
  private final List<Column> merged;
  private final List<Column> bound;
  private final List<Column> clocks;
  private final List<Column> storedIfNull;
  private final Column version;
  private final boolean skipUnchanged;
  private final String conflictIndex;
  private final ConflictTarget target;
  private final String updateWhen;
  /** {@link #updateWhen}, parsed; null for none. */
  private final io.github.upserts.sql.Template condition;
  private final Column lockVersion;
  /** {@link #untouchedOutcomes()}, computed once: single-row writes read it. */
  private final Set<io.github.upserts.Outcome> untouchedOutcomes;

  /** A table whose upserts write even when nothing changes; see the full constructor. */
  public Table(String entity, String schema, String name, List<Column> columns) {
    this(entity, schema, name, columns, false);
  }

  /**
   * @param entity the entity's simple name, for messages
   * @param schema the schema, or an empty string for the connection's default
   * @param name the table name
   * @param columns every mapped column, in declaration order; at least one is a key, at most
   *     one is {@link MergePolicy#NEWER_WINS}
   * @param skipUnchanged whether an upsert that would change nothing writes nothing
   */
  public Table(String entity, String schema, String name, List<Column> columns, boolean skipUnchanged) {
    this(entity, schema, name, columns, skipUnchanged, "");
  }

  /**
   * @param entity the entity's simple name, for messages
   * @param schema the schema, or an empty string for the connection's default
   * @param name the table name
   * @param columns every mapped column, in declaration order; at least one is a key, at most
   *     one is {@link MergePolicy#NEWER_WINS}, at most one {@link Column.Source#UPDATED_AT}
   * @param skipUnchanged whether an upsert that would change nothing writes nothing
   * @param conflictIndex the name of the unique index or constraint every upsert targets, as
   *     {@code @Upsertable(conflictIndex)} gives it; empty for the unique index on the key columns
   */
  public Table(String entity, String schema, String name, List<Column> columns, boolean skipUnchanged,
      String conflictIndex) {
    this(entity, schema, name, columns, skipUnchanged, conflictIndex, null, "");
  }

  private Table(String entity, String schema, String name, List<Column> columns, boolean skipUnchanged,
      String conflictIndex, ConflictTarget target, String updateWhen) {
    this.target = target;
    this.updateWhen = Objects.requireNonNull(updateWhen, "updateWhen");
    this.entity = Objects.requireNonNull(entity, "entity");
    this.schema = Objects.requireNonNull(schema, "schema");
    this.name = Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("Table of " + entity + ": the name must not be blank");
    }
    this.columns = List.copyOf(columns);
    List<Column> keyColumns = new ArrayList<>();
    List<Column> valueColumns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> parameters = new HashSet<>();
    for (Column column : this.columns) {
      if (!seen.add(column.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "Table " + name + " of " + entity + " maps column " + column.name() + " twice");
      }
      if (!parameters.add(column.parameter())) {
        throw new IllegalArgumentException(
            "Table " + name + " of " + entity + " binds parameter " + column.parameter() + " twice");
      }
      (column.key() ? keyColumns : valueColumns).add(column);
    }
    if (keyColumns.isEmpty()) {
      throw new IllegalArgumentException(
          "Table " + name + " of " + entity + " has no key column; mark its unique key with @Key");
    }
    this.keys = List.copyOf(keyColumns);
    this.values = List.copyOf(valueColumns);
    this.merged = valueColumns.stream().filter(c -> c.bound() && c.policy().mergedOnUpdate()).toList();
    this.bound = this.columns.stream().filter(Column::bound).toList();
    this.clocks = this.columns.stream().filter(c -> c.source().clock()).toList();
    this.storedIfNull = this.columns.stream().filter(c -> c.source() == Column.Source.STORED_IF_NULL).toList();
    if (clocks.stream().filter(c -> c.source() == Column.Source.UPDATED_AT).count() > 1) {
      throw new IllegalArgumentException("Table " + name + " of " + entity + " has more than one UPDATED_AT column: " + clocks);
    }
    this.conflictIndex = Objects.requireNonNull(conflictIndex, "conflictIndex");
    List<Column> versions =
        valueColumns.stream().filter(c -> c.policy() == MergePolicy.NEWER_WINS).toList();
    if (versions.size() > 1) {
      throw new IllegalArgumentException("Table " + name + " of " + entity
          + " has more than one NEWER_WINS column: " + versions);
    }
    this.version = versions.isEmpty() ? null : versions.get(0);
    List<Column> locks = valueColumns.stream().filter(c -> c.policy() == MergePolicy.VERSION).toList();
    if (locks.size() > 1 || !locks.isEmpty() && version != null) {
      throw new IllegalArgumentException("Table " + name + " of " + entity + " has more than one version column"
          + " (@Version, @NewerWins): " + (version == null ? locks : java.util.stream.Stream.concat(locks.stream(),
              java.util.stream.Stream.of(version)).toList()));
    }
    this.lockVersion = locks.isEmpty() ? null : locks.get(0);
    this.skipUnchanged = skipUnchanged;
    for (Column column : this.columns) {
      if (column.expression() != null) {
        checked(column.expression(), column, "@MergeWith of " + column.property());
      }
    }
    this.condition = updateWhen.isEmpty() ? null : checked(updateWhen, null, "@Upsertable(updateWhen)");
    this.untouchedOutcomes = untouched();
  }

  /** {@code text} parsed, each placeholder naming a column of this table; {@code own} the column of {@code {stored}} (null: none). */
  private io.github.upserts.sql.Template checked(String text, Column own, String where) {
    io.github.upserts.sql.Template template;
    try {
      template = io.github.upserts.sql.Template.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " of " + entity + ": " + e.getMessage(), e);
    }
    for (io.github.upserts.sql.Template.Ref ref : template.refs()) {
      if (ref.field() == null && own == null) {
        throw new IllegalArgumentException(where + " of " + entity + ": " + ref + " names no column here;"
            + " name one by its field, {stored.field} or {incoming.field}");
      }
      if (ref.field() != null && columns.stream().noneMatch(c -> c.property().equals(ref.field()))) {
        throw new IllegalArgumentException(where + " of " + entity + ": " + ref + " names no field of " + entity
            + "; its fields are " + columns.stream().map(Column::property).toList());
      }
    }
    return template;
  }

  /**
   * The same table whose upserts update an existing row only where {@code condition}, a SQL
   * template of the stored and incoming rows ({@link io.github.upserts.sql.Template},
   * {@code @Upsertable(updateWhen)}), is true; an empty one for always.
   *
   * @throws IllegalArgumentException when the condition is malformed or names no field of the table
   */
  public Table updatingWhen(String condition) {
    return new Table(entity, schema, name, columns, skipUnchanged, conflictIndex, target, condition);
  }

  /** The condition under which an existing row is updated ({@link #updatingWhen}), if any. */
  public Optional<io.github.upserts.sql.Template> updateWhen() {
    return Optional.ofNullable(condition);
  }

  /** The optimistic-locking {@link MergePolicy#VERSION} column ({@code @Version}), if any. */
  public Optional<Column> lockVersion() {
    return Optional.ofNullable(lockVersion);
  }

  /** The column mapped from the entity's field {@code property}. */
  public Column property(String property) {
    return columns.stream().filter(c -> c.property().equals(property)).findFirst().orElseThrow(
        () -> new IllegalArgumentException(entity + " maps no field " + property + " to " + displayName()));
  }

  /**
   * What an upsert that meets an existing row and writes nothing can report, by why it may write
   * nothing: {@code STALE} (a {@link MergePolicy#VERSION} column), {@code SKIPPED} (a
   * {@link MergePolicy#NEWER_WINS} column or an {@link #updateWhen()} condition), {@code UNCHANGED}
   * (nothing to merge, or {@link #skipUnchanged()} without a version column, whose update always
   * changes it). One of them, or none, tells a write that wrote nothing by itself; more need the
   * stored row to tell.
   */
  public Set<io.github.upserts.Outcome> untouchedOutcomes() {
    return untouchedOutcomes;
  }

  private Set<io.github.upserts.Outcome> untouched() {
    java.util.EnumSet<io.github.upserts.Outcome> outcomes = java.util.EnumSet.noneOf(io.github.upserts.Outcome.class);
    if (lockVersion != null) {
      outcomes.add(io.github.upserts.Outcome.STALE);
    }
    if (version != null || !updateWhen.isEmpty()) {
      outcomes.add(io.github.upserts.Outcome.SKIPPED);
    }
    if (merged.isEmpty() || skipUnchanged && version == null && lockVersion == null) {
      outcomes.add(io.github.upserts.Outcome.UNCHANGED);
    }
    return java.util.Collections.unmodifiableSet(outcomes);
  }

  /**
   * Whether Java can merge two rows with one key as the database would write them one after the
   * other: not with a {@link MergePolicy#mergeableInJava() SQL expression or a version lock} among
   * the merged columns, nor an {@link #updateWhen()} condition. Where not, a batch writes such rows
   * in rounds of distinct keys.
   */
  public boolean mergesInJava() {
    return updateWhen.isEmpty() && merged.stream().allMatch(c -> c.policy().mergeableInJava());
  }

  /**
   * Whether a batch writes its rows one statement each, in the call's transaction: where the
   * update compares each row's own bound version ({@link #lockVersion()}), or a row left untouched
   * can be so for more than one reason ({@link #untouchedOutcomes()}), which only the stored row tells.
   */
  public boolean writtenRowByRow() {
    return lockVersion != null || untouchedOutcomes().size() > 1;
  }

  /**
   * The same table whose upserts update only {@code updated} of its merged columns, the others
   * written on insert only (a version column stays as it is): what one call that names its
   * columns runs.
   */
  public Table updating(java.util.Collection<Column> updated) {
    return new Table(entity, schema, name, columns.stream().map(c -> merged.contains(c) && !updated.contains(c)
        && c.policy() != MergePolicy.NEWER_WINS && c.policy() != MergePolicy.VERSION ? c.merging(MergePolicy.INSERT_ONLY) : c)
        .toList(), skipUnchanged, conflictIndex, target, updateWhen);
  }

  /** The entity's simple name, for messages. */
  public String entity() {
    return entity;
  }

  /** The schema, or an empty string when the table is not schema-qualified. */
  public String schema() {
    return schema;
  }

  /** The table name. */
  public String name() {
    return name;
  }

  /** Every mapped column, in declaration order. */
  public List<Column> columns() {
    return columns;
  }

  /** The key columns, in declaration order. */
  public List<Column> keys() {
    return keys;
  }

  /** The non-key columns, in declaration order. */
  public List<Column> values() {
    return values;
  }

  /** The columns whose values writes bind (the entity's), in declaration order: what an insert sends. */
  public List<Column> bound() {
    return bound;
  }

  /** The columns an insert gives the database's clock ({@code @CreatedAt}, {@code @UpdatedAt}), in declaration order. */
  public List<Column> clocks() {
    return clocks;
  }

  /**
   * The columns an insert gives the stored value of the row with the same key, never updated
   * ({@link Column.Source#STORED_IF_NULL}), in declaration order; empty but in a statement of
   * {@link #leaving(java.util.Collection, java.util.Collection)}.
   */
  public List<Column> storedIfNull() {
    return storedIfNull;
  }

  /** The {@link Column.Source#UPDATED_AT} column, if any. */
  public Optional<Column> updatedAt() {
    return clocks.stream().filter(c -> c.source() == Column.Source.UPDATED_AT).findFirst();
  }

  /** The name of the unique index or constraint upserts target; empty for the key columns' own. */
  public String conflictIndex() {
    return conflictIndex;
  }

  /**
   * The definition of the {@link #conflictIndex()} as the catalog read it, where it is not the key
   * columns' plain index (or is, with nulls equal, {@link #nullKeys()}): what statements name as
   * the conflict target and match rows by; null for the key columns (also before the catalog is read).
   */
  public ConflictTarget target() {
    return target;
  }

  /**
   * Whether a null key value is a real key: the conflict target is a unique index whose nulls are
   * equal (PostgreSQL 15+ {@code NULLS NOT DISTINCT}), as the catalog read it ({@link #target()}).
   * Elsewhere a null key never matches a stored row, and every method refuses it before any SQL.
   */
  public boolean nullKeys() {
    return target != null && target.nullsNotDistinct();
  }

  /** The same table, its conflict target {@code target} ({@link #target()}). */
  public Table targeting(ConflictTarget target) {
    return new Table(entity, schema, name, columns, skipUnchanged, conflictIndex, target, updateWhen);
  }

  /**
   * The same table with {@code columns} (some of its {@link #bound()} non-key columns) left to
   * the database for one statement: not inserted (their defaults apply), not updated, still read;
   * and {@code stored} (more of them, {@code NOT NULL} without a default) inserted with the stored
   * value of the row with the same key, never updated, still read ({@link Column.Source#STORED_IF_NULL}).
   */
  public Table leaving(java.util.Collection<Column> columns, java.util.Collection<Column> stored) {
    return new Table(entity, schema, name, this.columns.stream()
        .map(c -> columns.contains(c) || stored.contains(c) ? new Column(c.name(), c.property(), c.parameter(), false,
            MergePolicy.OVERWRITE, c.type(), stored.contains(c) ? Column.Source.STORED_IF_NULL
            : Column.Source.DATABASE_GENERATED) : c).toList(), skipUnchanged, conflictIndex, target, updateWhen);
  }

  /** The non-key columns an update merges by their policy (bound, not insert-only), in declaration order. */
  public List<Column> merged() {
    return merged;
  }

  /** The {@link MergePolicy#NEWER_WINS} column, if any. */
  public Optional<Column> version() {
    return Optional.ofNullable(version);
  }

  /** Whether an upsert that would change nothing writes nothing. */
  public boolean skipUnchanged() {
    return skipUnchanged;
  }

  /**
   * What a bulk increment writes: the same table with only its key, {@link MergePolicy#INCREMENT}
   * and clock columns written; every other column is left to the database for it (not inserted,
   * not updated; see {@link #leaving}), so that one the catalog shows {@code NOT NULL} without a
   * default can be given the stored value of the row with the key when the statements are rendered.
   */
  public Table incrementsOnly() {
    List<Column> others = columns.stream()
        .filter(c -> !c.key() && c.policy() != MergePolicy.INCREMENT && !c.source().clock()).toList();
    return new Table(entity, schema, name, columns, false, conflictIndex, target, "").leaving(others, List.of());
  }

  /**
   * The column named {@code name}.
   *
   * @throws IllegalArgumentException when the table maps no such column
   */
  public Column column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(
        () -> new IllegalArgumentException("Table " + displayName() + " of " + entity + " maps no column " + name));
  }

  /** The column at {@code index} in {@link #columns()}. */
  public Column column(int index) {
    return columns.get(index);
  }

  /** The table name, schema-qualified when a schema is set, unquoted; for messages. */
  public String displayName() {
    return schema.isEmpty() ? name : schema + "." + name;
  }

  @Override
  public String toString() {
    return "Table[" + displayName() + " of " + entity + ", columns=" + columns + "]";
  }
}
