package io.github.upserts.it;

import io.github.upserts.Increment;
import io.github.upserts.Key;
import io.github.upserts.Upsertable;
import java.math.BigInteger;
import java.util.UUID;

/**
 * The types JDBI does not bind or read as an upsert needs: a {@code BigInteger} (no argument
 * or mapper in JDBC or JDBI), here one added up, and a {@code UUID} that may be null.
 */
@Upsertable(table = "ledgers")
public record Ledger(@Key String account, @Increment BigInteger total, UUID lastTransfer) {}
