package dev.cellflow.serialize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cellflow.datastore.FlowDatastore;
import dev.cellflow.datastore.LocalStorage;
import dev.cellflow.metadata.ArtifactRef;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.api.TimeColumn;

/** Tablesaw tables and EJML matrices through the datastore, as artifacts. */
class LibrarySerializerTest {
  @TempDir Path root;

  private Object roundTrip(Object v, String serializer) throws IOException {
    FlowDatastore ds = new FlowDatastore(new LocalStorage(root), "F");
    ArtifactRef ref = ds.putArtifact(v);
    assertEquals(serializer, ref.serializer());
    return ds.getArtifact(ref, getClass().getClassLoader());
  }

  @Test
  void aTableComesBackWithItsColumnTypesNamesAndMissingValues() throws IOException {
    Table t = Table.create("people").addColumns(
        StringColumn.create("name", "ann", null, "cé"),
        IntColumn.create("age", 31, Integer.MIN_VALUE, 7),
        DoubleColumn.create("score", 1.5, Double.NaN, -2.0),
        LongColumn.create("id", 1L, 2L, 3L),
        BooleanColumn.create("ok", true, false, true),
        DateColumn.create("born", LocalDate.of(1990, 1, 2), null, LocalDate.of(2020, 3, 4)),
        TimeColumn.create("at", LocalTime.NOON, LocalTime.MIDNIGHT, null),
        DateTimeColumn.create("seen", LocalDateTime.of(2026, 11, 25, 10, 0), null,
            LocalDateTime.of(2000, 1, 1, 0, 0)),
        InstantColumn.create("stamp", Instant.ofEpochSecond(5), null, Instant.EPOCH));
    t.booleanColumn("ok").setMissing(1);
    Table back = (Table) roundTrip(t, "tablesaw");
    assertEquals("people", back.name());
    assertEquals(t.columnNames(), back.columnNames());
    for (int c = 0; c < t.columnCount(); c++) {
      assertEquals(t.column(c).type(), back.column(c).type(), t.column(c).name());
      for (int r = 0; r < t.rowCount(); r++) {
        assertEquals(t.column(c).isMissing(r), back.column(c).isMissing(r),
            t.column(c).name() + " row " + r);
        assertEquals(t.column(c).getString(r), back.column(c).getString(r));
      }
    }
    assertEquals(ColumnType.INTEGER, back.column("age").type());
  }

  @Test
  void ejmlMatricesKeepShapeAndValues() throws IOException {
    DMatrixRMaj d = new DMatrixRMaj(2, 3, true, 1, 2, 3, 4, 5, 6);
    DMatrixRMaj backD = (DMatrixRMaj) roundTrip(d, "ejml");
    assertEquals(2, backD.numRows);
    assertEquals(3, backD.numCols);
    assertArrayEquals(d.data, backD.data);
    FMatrixRMaj f = new FMatrixRMaj(1, 2, true, 0.5f, 1.5f);
    assertArrayEquals(f.data, ((FMatrixRMaj) roundTrip(f, "ejml")).data);
    SimpleMatrix s = SimpleMatrix.identity(3);
    SimpleMatrix backS = (SimpleMatrix) roundTrip(s, "ejml");
    assertTrue(s.isIdentical(backS, 0));
  }
}
