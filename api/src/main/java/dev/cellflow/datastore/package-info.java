/**
 * The datastore in three layers: bytes storage (Storage, found by ServiceLoader through StorageProvider), content-addressed artifacts, and per-flow run and task records. See docs/datastore.md.
 */
package dev.cellflow.datastore;
