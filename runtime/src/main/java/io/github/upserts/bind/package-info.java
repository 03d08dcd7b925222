/**
 * Values as each database takes them: the argument factories and column mappers Upserts
 * registers on its own statements, PostgreSQL's array parameters and the table of SQL type
 * names per Java type.
 */
package io.github.upserts.bind;
