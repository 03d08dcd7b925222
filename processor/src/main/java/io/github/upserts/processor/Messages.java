package io.github.upserts.processor;

import java.util.List;

/**
 * Every message the processor reports, in one place so tests pin them. Each starts with a
 * stable tag in brackets, states the rule that was broken and says how to fix it.
 */
public final class Messages {
  private Messages() {}

  public static String notAClass(String kind, String entity) {
    return "[UpsertsNotAClass] @Upsertable is on " + kind + " " + entity
        + ", but only a record or a class can be upserted; put @Upsertable on the record or"
        + " class whose fields are the table's columns";
  }

  public static String abstractClass(String entity) {
    return "[UpsertsAbstractClass] @Upsertable class " + entity + " is abstract, so generated"
        + " code cannot create it when reading rows; make it concrete, or annotate a concrete"
        + " subclass instead";
  }

  public static String innerClass(String entity) {
    return "[UpsertsInnerClass] @Upsertable class " + entity + " is an inner (non-static) class,"
        + " which cannot be created without an enclosing instance; declare it static";
  }

  public static String privateType(String entity) {
    return "[UpsertsPrivateType] @Upsertable type " + entity + " is private (or nested in a"
        + " private type), so the generated " + "DAO in its package cannot use it; make it at"
        + " least package-private";
  }

  public static String genericEntity(String entity) {
    return "[UpsertsGenericEntity] @Upsertable type " + entity + " has type parameters, so the"
        + " column types are not known at compile time; make it non-generic (declare a concrete"
        + " subclass or record with fixed types)";
  }

  public static String noKey(String entity) {
    return "[UpsertsNoKey] @Upsertable type " + entity + " has no @Key field; mark the columns"
        + " of its unique constraint (or primary key) with @Key";
  }

  public static String noColumns(String entity) {
    return "[UpsertsNoColumns] @Upsertable type " + entity + " has no instance fields to map;"
        + " declare a field (or record component) per column";
  }

  public static String incrementNotNumeric(String entity, String property, String type) {
    return "[UpsertsIncrementNotNumeric] @Increment on " + entity + "." + property + " of type "
        + type + ": only numbers can be incremented (short, int, long, float, double, their boxed"
        + " types, BigInteger, BigDecimal); change the type or remove @Increment";
  }

  public static String incrementOnKey(String entity, String property) {
    return "[UpsertsIncrementOnKey] " + entity + "." + property + " is both @Key and @Increment,"
        + " but a key identifies the row and is never merged; remove one of the two annotations";
  }

  public static String conflictingPolicies(String entity, String property, List<String> annotations) {
    return "[UpsertsConflictingPolicies] " + entity + "." + property + " has "
        + String.join(" and ", annotations) + ", but a column merges in exactly one way; keep"
        + " one of them";
  }

  public static String policyOnKey(String entity, String property, String annotation) {
    return "[UpsertsPolicyOnKey] " + entity + "." + property + " is both @Key and " + annotation
        + ", but a key identifies the row and is never merged; remove " + annotation;
  }

  public static String notComparable(String entity, String property, String annotation, String type) {
    return "[UpsertsNotComparable] " + annotation + " on " + entity + "." + property + " of type "
        + type + ": only numbers and points in time can be compared (byte, short, int, long,"
        + " float, double, their boxed types, BigInteger, BigDecimal, Instant, LocalDate,"
        + " LocalDateTime, LocalTime, OffsetDateTime, OffsetTime, ZonedDateTime, java.util.Date,"
        + " java.sql.Date, Time, Timestamp); change the type or remove " + annotation;
  }

  public static String coalescePrimitive(String entity, String property, String type) {
    return "[UpsertsCoalescePrimitive] @Coalesce on " + entity + "." + property + " of primitive"
        + " type " + type + " has no effect, since a primitive is never null; use the boxed type"
        + " or remove @Coalesce";
  }

  public static String newerWinsTwice(String entity, String property, String first) {
    return "[UpsertsNewerWinsTwice] " + entity + "." + property + " is @NewerWins, but "
        + entity + "." + first + " already is, and only one column can decide which version is"
        + " newer; keep @NewerWins on one of them";
  }

  public static String versionType(String entity, String property, String type) {
    return "[UpsertsVersionType] @Version on " + entity + "." + property + " of type " + type
        + ": an optimistic-locking version is a whole number that every update adds 1 to; change"
        + " the type to long, int, short, Long, Integer or Short";
  }

  /** A second version column: {@code annotation} on {@code property}, where {@code first} has {@code firstAnnotation}. */
  public static String versionTwice(
      String entity, String property, String annotation, String first, String firstAnnotation) {
    return "[UpsertsVersionTwice] " + entity + "." + property + " is " + annotation + ", but "
        + entity + "." + first + " already is " + firstAnnotation + ", and an entity has at most one"
        + " version column (@Version or @NewerWins), which decides whether an upsert may update the"
        + " row; keep " + (annotation.equals(firstAnnotation) ? annotation + " on one of them"
            : "one of the two annotations");
  }

  /**
   * A {@code @MergeWith} or {@code updateWhen} expression that does not parse; {@code where} names
   * it ({@code @MergeWith of Doc.tags}), {@code problem} is the parser's message.
   */
  public static String malformedExpression(String where, String problem) {
    return "[UpsertsMalformedExpression] the expression of " + where + " is malformed: " + problem
        + ". Write one SQL expression, with placeholders {stored}, {incoming}, {stored.field} or"
        + " {incoming.field} and text in quotes as SQL writes it";
  }

  public static String unknownField(String where, String placeholder, String entity, List<String> fields) {
    return "[UpsertsUnknownField] " + placeholder + " in the expression of " + where + " names no"
        + " field of " + entity + "; its fields are " + String.join(", ", fields) + ". Name a field"
        + " by its Java name (not its column name)";
  }

  public static String noOwnColumn(String entity, String placeholder) {
    return "[UpsertsNoOwnColumn] " + placeholder + " in @Upsertable(updateWhen) of " + entity
        + " names no column: the condition belongs to the whole row, not to one column; name the"
        + " column by its field, e.g. {" + placeholder.substring(1, placeholder.length() - 1)
        + ".status}";
  }

  public static String noIncomingValue(
      String where, String placeholder, String entity, String field, String source) {
    return "[UpsertsNoIncomingValue] " + placeholder + " in the expression of " + where + " reads the"
        + " incoming value of " + entity + "." + field + ", but the incoming row has no value for it:"
        + " it is " + source + ", so the database fills it and an upsert never sends it; use {stored."
        + field + "} or another field";
  }

  public static String conflictingSources(String entity, String property, List<String> annotations) {
    return "[UpsertsConflictingSources] " + entity + "." + property + " has " + String.join(" and ", annotations)
        + ", but a column's value comes from one place; keep one of them";
  }

  public static String sourceOnKey(String entity, String property, String annotation) {
    return "[UpsertsSourceOnKey] " + entity + "." + property + " is both @Key and " + annotation
        + ", but an upsert must be given the key it matches rows by; remove " + annotation + ", or mark the"
        + " columns of another unique constraint (e.g. an email) with @Key and keep " + annotation + " on "
        + property;
  }

  public static String sourceWithPolicy(String entity, String property, String source, String policy) {
    return "[UpsertsSourceWithPolicy] " + entity + "." + property + " has " + source + " and " + policy
        + ", but " + (source.equals("@DefaultIfNull")
            ? "a null left to the default keeps the stored value, which a version column cannot do"
            : "its value comes from the database, so it is never merged")
        + "; remove " + policy;
  }

  public static String defaultIfNullPrimitive(String entity, String property, String type) {
    return "[UpsertsDefaultIfNullPrimitive] @DefaultIfNull on " + entity + "." + property + " of type " + type
        + ": a primitive is never null, so the database default would never apply; use the boxed type";
  }

  public static String clockType(String entity, String property, String annotation, String type) {
    return "[UpsertsClockType] " + annotation + " on " + entity + "." + property + " of type " + type
        + ": the database's clock is read as java.time.Instant, OffsetDateTime or LocalDateTime;"
        + " change the type to one of them";
  }

  public static String updatedAtTwice(String entity, String property, String first) {
    return "[UpsertsUpdatedAtTwice] " + entity + "." + property + " is @UpdatedAt, but " + first
        + " already is; an entity has one last-changed time, so keep @UpdatedAt on one of them";
  }

  public static String arrayKey(String entity, String property, String type) {
    return "[UpsertsArrayKey] " + entity + "." + property + " is a @Key of array type " + type
        + ", but arrays have no value equality in Java, so rows with the same key cannot be"
        + " recognized (in batches, in maps, in equals); use a type with value equality, e.g."
        + " a String, UUID or a record wrapping the bytes";
  }

  static String badNamingOption(String value) {
    return "[UpsertsBadOption] processor option -A" + Naming.OPTION + "=" + value + " is not"
        + " supported; use -A" + Naming.OPTION + "=snake_case (the default) or -A"
        + Naming.OPTION + "=exact";
  }

  public static String duplicateColumn(String entity, String property, String column, String other) {
    return "[UpsertsDuplicateColumn] " + entity + "." + property + " maps to column '" + column
        + "', which " + entity + "." + other + " already maps (column names are compared"
        + " ignoring case); give one of them another name with @ColumnName";
  }

  /** A table or schema name that would not reach every database as written; {@code problem} says why. */
  public static String badTableName(String entity, String what, String name, String problem) {
    return "[UpsertsBadName] the " + what + " name '" + name + "' of " + entity + " cannot be"
        + " used as written: " + problem + "; choose another name with @Upsertable(" + what
        + " = ...)";
  }

  /**
   * A {@code table} that reads as a qualified name, {@code parts} its parts
   * ({@link Naming#qualifiedParts}); {@code schema} the schema attribute as written (empty if none).
   */
  public static String qualifiedTable(String entity, String table, List<String> parts, String schema) {
    String name = parts.get(parts.size() - 1);
    String itsSchema = parts.get(parts.size() - 2);
    String catalog = String.join(".", parts.subList(0, parts.size() - 2));
    return "[UpsertsQualifiedTable] the table name '" + table + "' of " + entity + " looks "
        + (catalog.isEmpty() ? "schema-qualified" : "qualified by catalog and schema")
        + ", but Upserts quotes the name as one identifier, so every statement would look for a table named \""
        + table + "\"; give the schema apart: @Upsertable(schema = \"" + itsSchema + "\", table = \"" + name + "\")"
        + (schema.isEmpty() || schema.equals(itsSchema) ? "" : " instead of schema = \"" + schema + "\"")
        + (catalog.isEmpty() ? "" : ", and connect to the database '" + catalog + "' (statements name no catalog)");
  }

  /** A {@code schema} that reads as {@code catalog.schema}, {@code parts} its parts ({@link Naming#qualifiedParts}). */
  public static String qualifiedSchema(String entity, String schema, List<String> parts) {
    String itsSchema = parts.get(parts.size() - 1);
    return "[UpsertsQualifiedTable] the schema name '" + schema + "' of " + entity + " looks qualified by a"
        + " catalog, but Upserts quotes the name as one identifier; give the schema alone: @Upsertable(schema = \""
        + itsSchema + "\"), and connect to the database '" + String.join(".", parts.subList(0, parts.size() - 1))
        + "' (statements name no catalog)";
  }

  /** A column name that would not reach every database as written; {@code problem} says why. */
  public static String badColumnName(String entity, String property, String name, String problem) {
    return "[UpsertsBadName] the column name '" + name + "' of " + entity + "." + property
        + " cannot be used as written: " + problem + "; choose another name with @ColumnName";
  }

  public static String unreadable(String entity, String property, List<String> getters) {
    return "[UpsertsUnreadable] " + entity + "." + property + " is private and has no accessible"
        + " getter (" + String.join("() or ", getters) + "()), so generated code cannot read it;"
        + " make the field non-private or add the getter";
  }

  public static String unwritable(String entity, String property, String setter, int columns) {
    return "[UpsertsUnwritable] " + entity + "." + property + " cannot be set: it is private or"
        + " final, has no accessible setter " + setter + ", and " + entity + " has no accessible"
        + " constructor taking all " + columns + " columns; add the setter, make the field"
        + " non-private and non-final, or add a constructor with one parameter per field";
  }

  public static String noConstructor(String entity, int columns) {
    return "[UpsertsNoConstructor] " + entity + " has neither an accessible constructor taking"
        + " all " + columns + " columns (in field order, or with parameters named after the"
        + " fields) nor an accessible no-argument constructor, so generated code cannot create"
        + " it; add one of the two";
  }

  public static String methodClash(String entity, String property, String method) {
    return "[UpsertsMethodClash] " + entity + "." + property + " would get the generated method "
        + method + ", which another field already gets; rename one of the fields";
  }

  public static String unresolvedType(String entity, String property, String type) {
    return "[UpsertsUnresolvedType] the type " + type + " of " + entity + "." + property
        + " cannot be resolved; fix the import, add the missing dependency, or make sure the"
        + " processor that generates it runs";
  }

  /** {@code missing} is what Lombok would have generated, e.g. "the getter of Item.id". */
  public static String lombokOrder(String entity, String missing) {
    return "[UpsertsLombokOrder] " + entity + " is annotated for Lombok, but " + missing
        + " that Lombok generates does not exist when Upserts reads it;"
        + " Lombok must run before Upserts: put lombok first in annotationProcessorPaths (Maven)"
        + " / annotationProcessor (Gradle), e.g. Maven <annotationProcessorPaths><path>"
        + "org.projectlombok:lombok</path><path>io.github.upserts:upserts-processor</path>"
        + "</annotationProcessorPaths>, Gradle annotationProcessor(\"org.projectlombok:lombok:<version>\")"
        + " before annotationProcessor(\"io.github.upserts:upserts-processor:<version>\")";
  }

  public static String unresolvedSupertype(String entity, String supertype) {
    return "[UpsertsUnresolvedSupertype] the supertype " + supertype + " of " + entity
        + " cannot be resolved, so the columns it declares are unknown; fix the import, add the"
        + " missing dependency, or make sure the processor that generates it runs";
  }

  static String unexpected(String entity, String stackTrace) {
    return "[UpsertsProcessorCrash] the Upserts processor failed on " + entity + "; this is a"
        + " bug in Upserts, please report it with this trace:\n" + stackTrace;
  }

  static String invalidTable(String entity, String problem) {
    return "[UpsertsInvalidTable] the table of " + entity + " cannot be built: " + problem
        + "; fix the annotations this names (the processor should have said so earlier: please"
        + " report it as a bug of Upserts too)";
  }

  static String writeFailed(String dao, String reason) {
    return "[UpsertsWriteFailed] could not write the generated class " + dao + ": " + reason
        + "; remove or rename a class of that name if one exists";
  }
}
