/**
 * Support for the code the Upserts processor generates. Public only so generated DAOs in other
 * packages can call it; not an API for hand-written code, and it may change between versions.
 */
package io.github.upserts.internal;
