package io.github.upserts.it;

import io.github.upserts.Key;
import io.github.upserts.Upsertable;

/** {@link MrcGate}'s condition with {@code skipUnchanged}: a row may be left untouched for either reason. */
@Upsertable(table = "mrc_gate_quiet", updateWhen = "{stored.status} <> 'locked'", skipUnchanged = true)
public record MrcGateQuiet(@Key String id, String status, String body) {}
