package org.ancconnect.phn.evaluation;

import org.ancconnect.phn.matching.MatchRecord;

/**
 * A record whose true identity is known.
 *
 * @param id the record's own id
 * @param entity id of the real person; two records are a true pair when their entities are equal
 * @param record the demographics the matcher sees
 */
record LabelledRecord(String id, String entity, MatchRecord record) {
}
