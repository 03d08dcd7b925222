package io.github.upserts.exec;

/** The operations of a generated DAO whose SQL a {@link TableStatements} shows. */
public enum Operation {
  /** Insert or update one row, telling which happened. */
  UPSERT,
  /** Insert or update one row, returning it as stored. */
  UPSERT_RETURNING,
  /** Insert one row unless its key exists. */
  INSERT_IF_ABSENT,
  /** Insert one row unless its key exists, returning the stored row. */
  GET_OR_INSERT,
  /** Select one row by key. */
  FIND
}
