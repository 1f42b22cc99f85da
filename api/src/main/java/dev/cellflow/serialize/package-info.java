/**
 * Artifact serializers, found by ServiceLoader: raw primitive arrays, plain data (JDK values,
 * enums, records, arrays, Optionals and collections of them), Tablesaw, EJML, and Java
 * serialization; what any of them reads back is limited by the {@link
 * dev.cellflow.serialize.AllowList}.
 */
package dev.cellflow.serialize;
