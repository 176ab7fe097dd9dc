#!/usr/bin/env bash
# Summarises a JFR recording's CPU samples (jdk.ExecutionSample) for a JDK 17, which has no `jfr view`:
#   - top frames ("self"): the methods the CPU was in;
#   - inclusive counts for the ledger's, Axon's, Jackson's and the JDBC driver's frames (a sample
#     counts once per method however deep the method recurses);
#   - the share of samples whose stack passes through a few markers (event store read, append, serialization).
#
#   bench/jfr-hot-methods.sh results/<ts>/service.jfr [TOP=25]
set -euo pipefail
JFR_FILE=${1:?usage: $0 file.jfr [top]}
TOP=${2:-25}
jfr summary "$JFR_FILE" | sed -n '1,/^ Event Type/p' | grep -E 'Start|Duration|Version' || true
jfr print --events jdk.ExecutionSample --stack-depth 96 "$JFR_FILE" | awk -v top="$TOP" '
  function flush(   m, k) {
    if (!n) return
    total++
    self[frames[1]]++
    delete seen
    for (k = 1; k <= n; k++) if (!(frames[k] in seen)) { seen[frames[k]] = 1; incl[frames[k]]++ }
    for (m in markers) for (k = 1; k <= n; k++) if (index(frames[k], markers[m])) { hit[m]++; break }
    n = 0
  }
  BEGIN {
    markers["event store read (readEvents)"] = "EventStorageEngine.readEvents"
    markers["event sourcing replay (initializeState)"] = "EventSourcedAggregate.initializeState"
    markers["aggregate load (doLoadWithLock)"] = "EventSourcingRepository.doLoadWithLock"
    markers["event append (appendEvents)"] = "EventStorageEngine.appendEvents"
    markers["Jackson deserialize"] = "JacksonSerializer.deserialize"
    markers["Jackson serialize"] = "JacksonSerializer.serialize"
    markers["PostgreSQL driver"] = "org.postgresql."
    markers["projections (query-side)"] = "dev.ledger.query."
    markers["Tomcat/HTTP"] = "org.apache.coyote."
    markers["token store (JdbcTokenStore)"] = "JdbcTokenStore."
    markers["idempotency store"] = "dev.ledger.command.idempotency.IdempotencyStore."
    markers["pooled event processors (WorkPackage)"] = "pooled.WorkPackage.processEvents"
    markers["pooled processors fetching events (Coordinator)"] = "pooled.Coordinator$CoordinationTask"
    markers["Micrometer"] = "io.micrometer."
    markers["stack traces (Throwable)"] = "java.lang.Throwable."
    markers["command bus dispatch"] = "SimpleCommandBus.doDispatch"
    markers["db-scheduler"] = "com.github.kagkarlsson."
  }
  /^jdk.ExecutionSample/ { flush(); inStack = 0 }
  /stackTrace = \[/ { inStack = 1; next }
  inStack && /^[[:space:]]*\]/ { inStack = 0; next }
  inStack {
    f = $0; sub(/^[[:space:]]+/, "", f); sub(/[[:space:]]+line:.*/, "", f)
    if (f != "...") frames[++n] = f
  }
  END {
    flush()
    printf "samples: %d\n\n", total
    printf "share of samples whose stack passes through:\n"
    for (m in markers) if (hit[m]) printf "  %5.1f%%  %s\n", 100 * hit[m] / total, m
    printf "\ntop %d self (top frame):\n", top
    cmd = "sort -rn | head -" top
    for (f in self) printf "  %6d %5.1f%%  %s\n", self[f], 100 * self[f] / total, f | cmd
    close(cmd)
    printf "\ntop %d inclusive, dev.ledger / org.axonframework frames:\n", top
    for (f in incl) if (f ~ /^(dev\.ledger|org\.axonframework)/) printf "  %6d %5.1f%%  %s\n", incl[f], 100 * incl[f] / total, f | cmd
    close(cmd)
  }'
