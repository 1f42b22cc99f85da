package dev.cellflow.kernel.session;

import java.util.List;
import java.util.Map;

/**
 * What a notebook step keeps besides its artifacts, so that {@code %flow resume} can rebuild a
 * session: stored as {@code cell-record.json} in the step's task folder.
 *
 * @param source the cell as executed
 * @param where {@code kernel}, or the compute backend that ran it
 * @param declarations the imports, methods and types the cell declared, as written
 * @param types each output variable's declared type
 */
public record CellRecord(String source, String where, List<String> declarations,
    Map<String, String> types) {}
