# CPU accounting for e2e-benchmark.sh (sourced): where the machine's CPU goes per synced entity besides the three
# JVMs, so that the pipeline's whole cost can be set against the same-bundle ceiling's. All figures are user + system
# jiffies from /proc, turned into milliseconds per entity by ms_per().
#   snapshot <file> <run> <sync pid or "">   writes the machine's busy jiffies, RabbitMQ's, every PostgreSQL backend
#                                            connected to one of the run's databases, and the sync JVM's threads
#   cpu_split <before> <after> <entities>    prints the differences per entity, grouped
# A backend or thread that ended between the two snapshots is missing from its group (the process totals printed by
# the script keep it); PostgreSQL's own background processes (WAL writer, checkpointer) are in "all postgres".

hz=$(getconf CLK_TCK)

# user + system jiffies of /proc/<pid>[/task/<tid>]/stat, read after the command name (which may hold spaces).
_ticks() { local s; s=$(cat "$1" 2>/dev/null) || return 1; s=${s##*) }; set -- $s; echo $(( ${12} + ${13} )); }

snapshot() {
  local out="$1" run="$2" sync_pid="$3" p db t name
  {
    # cpu user nice system idle iowait irq softirq steal: busy = all but idle and iowait
    awk '/^cpu / {print "machine busy", $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat
    for p in $(pgrep -x beam.smp); do echo "rabbitmq $p $(_ticks "/proc/$p/stat" || echo 0)"; done
    for p in $(pgrep -x postgres); do echo "postgres $p $(_ticks "/proc/$p/stat" || echo 0)"; done
    psql -h "${ANC_PG_HOST:-127.0.0.1}" -U "${ANC_PG_USER:-postgres}" -d postgres -At -F ' ' -c \
      "SELECT pid, datname FROM pg_stat_activity WHERE datname LIKE 'anc\_%\_$run%'" 2>/dev/null |
      while read -r p db; do
        # anc_nehr_<run>[_ceiling], anc_dhis2_<run>, anc_sync_<run> -> nehr, dhis2, sync
        db=${db#anc_}; db=${db%%_*}
        echo "pg-$db $p $(_ticks "/proc/$p/stat" || echo 0)"
      done
    if [[ -n "$sync_pid" && -d "/proc/$sync_pid/task" ]]; then
      for t in /proc/"$sync_pid"/task/*; do
        name=$(cat "$t/comm" 2>/dev/null) || continue
        # one group per pool: "executor-thread-3" -> "executor-thread", "GC Thread#1" -> "GC Thread"
        name=$(echo "$name" | sed -E 's/[-#]?[0-9]+$//; s/ /_/g')
        echo "thread:$name ${t##*/} $(_ticks "$t/stat" || echo 0)"
      done
    fi
  } > "$out"
}

# Milliseconds per entity of a jiffies difference.
ms_per() { echo "scale=1; $1 * 1000 / $hz / $2" | bc; }

cpu_split() {
  local before="$1" after="$2" n="$3"
  # per group: after minus before of the same pid/thread (one that appeared in between counts from 0)
  awk 'NR == FNR { if ($1 == "machine") b["machine"] = $3; else b[$1 " " $2] = $3; next }
       $1 == "machine" { d["machine"] += $3 - b["machine"]; next }
       { d[$1] += $3 - ((($1 " " $2) in b) ? b[$1 " " $2] : 0) }
       END { for (g in d) print g, d[g] }' "$before" "$after" | sort > "$after.diff"
  local line=""
  for g in machine rabbitmq postgres pg-nehr pg-dhis2 pg-sync; do
    local v; v=$(awk -v g="$g" '$1 == g {print $2}' "$after.diff")
    [[ -n "$v" ]] && line+="${line:+, }$g $(ms_per "$v" "$n") ms"
  done
  echo "CPU per entity, whole machine and shared servers (ms; machine = every process and the kernel, so only a figure on a quiet machine; rabbitmq and postgres = all their processes; pg-<db> = the backends of the run's database): $line"
  if grep -q '^thread:' "$after.diff"; then
    echo "sync JVM threads, CPU per entity (ms; threads that ended between first and last commit not included):" \
      "$(awk '$1 ~ /^thread:/ && $2 > 0 {sub(/^thread:/, "", $1); print $2, $1}' "$after.diff" | sort -rn |
        while read -r v g; do printf '%s %s; ' "$g" "$(ms_per "$v" "$n")"; done)"
  fi
}
