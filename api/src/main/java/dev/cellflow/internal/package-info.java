/**
 * Internal: not an API; may change without notice.
 */
package dev.cellflow.internal;
