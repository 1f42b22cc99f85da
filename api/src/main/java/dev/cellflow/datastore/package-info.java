/**
 * API (service provider interface): the datastore's bytes layer. A module adds a datastore kind
 * ({@code --datastore NAME}) with a {@link dev.cellflow.datastore.Storage} opened by a {@link
 * dev.cellflow.datastore.StorageProvider} found by {@link java.util.ServiceLoader}. {@link
 * dev.cellflow.datastore.DamagedArtifactException} and {@link
 * dev.cellflow.datastore.DamagedRecordException} are what a reader catches when stored bytes are
 * not the ones written. The layers above (content-addressed artifacts, run and task records)
 * live in {@code dev.cellflow.internal.datastore}; see docs/datastore.md.
 */
package dev.cellflow.datastore;
