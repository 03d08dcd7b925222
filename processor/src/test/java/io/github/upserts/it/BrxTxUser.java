package io.github.upserts.it;

import io.github.upserts.*;
import java.time.Instant;

/** A breaker entity (see Brx*Test). */
@Upsertable(table = "brx_tx_user")
public record BrxTxUser(@DatabaseGenerated Long id, @Key String email, String name) {}
