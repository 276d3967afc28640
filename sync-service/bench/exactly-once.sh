#!/usr/bin/env bash
# Exactly-once check of an e2e-benchmark.sh run, for the entities its sync log says are SYNCED (all of them after a
# complete run; those done before the stop after a run stopped with --stop-at, once nothing was in flight any more).
# Called by e2e-benchmark.sh at the end of a run; by hand on a run still holding its databases and NEHR:
#
#   sync-service/bench/exactly-once.sh RUN FHIR_URL [SINCE]
#
# RUN       the run's name (bench<epoch>): databases anc_sync_RUN, anc_dhis2_RUN and, for the run's own NEHR, anc_nehr_RUN
# FHIR_URL  the NEHR the run wrote to
# SINCE     count only resources updated since this instant (a shared NEHR); default: the whole store
# Counts Patients against SYNCED entities, Encounters against the DHIS2 completed events of those entities and
# Observations against the distinct keys the sync log says were written; on the run's own store it also looks for
# any business identifier carried by two live resources and for SYNCED entities without their Patient. Prints
# "exactly once: OK" or "exactly once: MISMATCH" (exit 1).
set -euo pipefail
[[ $# -ge 2 ]] || { sed -n '2,15p' "$0"; exit 2; }
run="$1" fhir="$2" since="${3:-2000-01-01}"
ns="http://dhis2.health.gov.lk/identifier"
psql_at() { psql -h "${ANC_PG_HOST:-127.0.0.1}" -U "${ANC_PG_USER:-postgres}" -d "$1" -At "${@:2}"; }
synced_uids() { psql_at "anc_sync_$run" -c "SELECT tracked_entity FROM sync_entity WHERE status = 'SYNCED'"; }
# Runs $2 in database $1 with the SYNCED uids in a temporary table "synced" (the sync log lives in another database).
with_synced() {
  { echo "CREATE TEMP TABLE synced(uid text PRIMARY KEY); COPY synced FROM STDIN;"; synced_uids; echo '\.'; echo "$2"; } |
    psql_at "$1" -q -v ON_ERROR_STOP=1
}
count() { curl -sf "$fhir/$1&_summary=count&_lastUpdated=ge$since" | sed -E 's/.*"total":([0-9]+).*/\1/'; }

n=$(psql_at "anc_sync_$run" -c "SELECT count(*) FROM sync_entity WHERE status = 'SYNCED'")
failed=$(psql_at "anc_sync_$run" -c "SELECT count(*) FROM sync_entity WHERE status = 'FAILED'")
events=$(with_synced "anc_dhis2_$run" "SELECT count(*) FROM event e JOIN synced s ON s.uid = e.tracked_entity
  WHERE e.status = 'COMPLETED' AND NOT e.deleted")
expected_obs=$(psql_at "anc_sync_$run" -c "SELECT count(DISTINCT k) FROM sync_entity, jsonb_array_elements_text(fhir_keys) k
  WHERE status = 'SYNCED' AND k LIKE 'Observation?%'")
# HAPI answers 0 to a system-only identifier search on Patient here, so Patients are counted by _lastUpdated.
patients=$(count "Patient?")
encounters=$(count "Encounter?identifier=$ns/event|")
observations=$(count "Observation?identifier=$ns/event-data-value|")
echo "NEHR: $patients Patients for $n synced tracked entities; $encounters Encounters for their $events completed events;" \
  "$observations Observations for $expected_obs written by the sync log; $failed dead-lettered"
ok=1
[[ "$patients" -eq "$n" && "$encounters" -eq "$events" && "$observations" -eq "$expected_obs" ]] || ok=0
if psql_at "anc_nehr_$run" -c "SELECT 1" > /dev/null 2>&1; then
  # HAPI's token index of live resources: a business identifier on two resources is a duplicate, whatever the counts say.
  duplicates=$(psql_at "anc_nehr_$run" -c "SELECT count(*) FROM (SELECT t.sp_system, t.sp_value FROM hfj_spidx_token t
    JOIN hfj_resource r ON r.res_id = t.res_id WHERE t.sp_name = 'identifier' AND r.res_deleted_at IS NULL
    GROUP BY t.res_type, t.sp_system, t.sp_value HAVING count(DISTINCT t.res_id) > 1) d")
  missing=$(with_synced "anc_nehr_$run" "SELECT count(*) FROM synced s WHERE NOT EXISTS (SELECT 1 FROM hfj_spidx_token t
    JOIN hfj_resource r ON r.res_id = t.res_id WHERE t.res_type = 'Patient' AND t.sp_name = 'identifier'
    AND t.sp_system = '$ns/tracked-entity' AND t.sp_value = s.uid AND r.res_deleted_at IS NULL)")
  echo "NEHR store: business identifiers on more than one live resource: $duplicates; synced entities without their Patient: $missing"
  [[ "$duplicates" -eq 0 && "$missing" -eq 0 ]] || ok=0
fi
if [[ "$ok" -eq 1 ]]; then echo "exactly once: OK"; else echo "exactly once: MISMATCH"; exit 1; fi
