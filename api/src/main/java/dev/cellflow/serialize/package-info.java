/**
 * API (service provider interface): {@link dev.cellflow.serialize.ArtifactSerializer}, found by
 * {@link java.util.ServiceLoader}, turns an artifact's value into bytes and back. cellflow's own
 * serializers (raw primitive arrays, plain data, Tablesaw, EJML, Java serialization) and the
 * allow-list that limits what any of them reads back live in {@code
 * dev.cellflow.internal.serialize}.
 */
package dev.cellflow.serialize;
