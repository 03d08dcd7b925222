package io.github.upserts.processor.validate;

import io.github.upserts.processor.scan.ScannedEntity;

/** Checks one concern of an entity, e.g. its keys, and says everything wrong with it. */
interface Validator {
  ValidationReport validate(ScannedEntity entity);
}
