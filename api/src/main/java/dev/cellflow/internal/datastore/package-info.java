/**
 * Internal: the datastore above the bytes layer ({@link dev.cellflow.datastore.Storage}):
 * content-addressed artifacts, run and task records, verified and prefetched reads, the local
 * storage. See docs/datastore.md. Not API: may change in any release.
 */
package dev.cellflow.internal.datastore;
