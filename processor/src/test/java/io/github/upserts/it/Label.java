package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/**
 * A schema-qualified table with a mixed-case, space-containing name and a column named by
 * JDBI's {@code @ColumnName}.
 */
@Upsertable(schema = "upserts_it", table = "Label Set")
public record Label(@Key String code, @ColumnName("Display Name") String displayName) {}
