package io.github.upserts.processor.scan;

import javax.lang.model.element.Element;

/** What scanning one entity gave: the entity as found, or a reason to try again next round. */
public sealed interface ScanResult {

  /** The entity as found; validators decide whether it is right. */
  record Scanned(ScannedEntity entity) implements ScanResult {}

  /**
   * A type the entity needs did not resolve in this round; the message is reported, on the
   * element, only if it never resolves.
   */
  record Deferred(Element element, String message) implements ScanResult {}
}
