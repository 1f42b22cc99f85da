/**
 * Internal: cellflow's artifact serializers, found by ServiceLoader as {@link
 * dev.cellflow.serialize.ArtifactSerializer}s: raw primitive arrays, plain data (JDK values,
 * enums, records, arrays, Optionals and collections of them), Tablesaw, EJML, and Java
 * serialization; what any of them reads back is limited by the {@link
 * dev.cellflow.internal.serialize.AllowList}. Not API: may change in any release.
 */
package dev.cellflow.internal.serialize;
