package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/**
 * Names the processor accepts, as tricky as they get: every ASCII punctuation mark JDBI and the
 * drivers leave alone, non-ASCII letters, a no-break and a zero-width space, a leading space,
 * mixed case, a reserved word and 63 bytes; and fields whose bind parameters would collide if
 * they were not made distinct ({@code ünï} beside {@code p1} and {@code uni}).
 */
@Upsertable(table = " proc Ünï-`T`[1] $2 #3 @4 %_.;&!~^|=+,(*)/ Ω中\u00a0\u200bx")
public record ProcTricky(
    @Key int p1,
    @Key @ColumnName("Ké y`[0] $1 #.;%_@&!") String ünï,
    @Increment @ColumnName("select") long uni,
    @ColumnName("a-b*c/d, 63 bytes long= 0123456789abcdefghijklmnopqrstuvwxyz012") String note) {}
