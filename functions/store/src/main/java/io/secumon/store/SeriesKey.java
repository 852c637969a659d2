package io.secumon.store;

import java.util.UUID;

/**
 * Identity of a row in {@code series}: what its UNIQUE constraint covers. {@code labels}
 * is the canonical JSON of {@link LabelsJson}, so equal label sets give equal keys.
 */
record SeriesKey(UUID tenant, UUID agent, String metric, String labels) {
}
