/**
 * Artifact serializers, found by ServiceLoader: raw primitive arrays, JDK values, records, Tablesaw, EJML, and Java serialization behind an allow-list.
 */
package dev.cellflow.serialize;
