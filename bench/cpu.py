#!/usr/bin/env python3
"""CPU milliseconds per request, read from /proc, and PostgreSQL's work per request from pg_stat_database.

  cpu.py snap OUT.json JVM_PID DATABASE     # before and after a scenario
  cpu.py row BEFORE.json AFTER.json REQUESTS # one line of key=value figures per request
  cpu.py groups BEFORE.json AFTER.json REQUESTS  # the JVM's CPU by thread group, for the notes

A snapshot holds the CPU ticks of every thread of the JVM (grouped by thread name with digits folded, e.g.
"http-nio-#-exec-#"), of every PostgreSQL process (backends that exited in between are counted through the
postmaster's reaped-children ticks), the machine totals from /proc/stat, and the database's counters
(xact_commit, tup_returned, tup_fetched, tup_inserted, tup_updated). Everything is divided by the number of
requests the load generator completed between the two snapshots.

Thread groups are summed into: http (the command path: Tomcat's request threads and the group-commit committers),
processors (Axon's event processors: projections and the transfer process), gc (the collector and compiler threads)
and other.
"""
import json
import os
import pwd
import re
import subprocess
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")
PG_COUNTERS = ("xact_commit", "tup_returned", "tup_fetched", "tup_inserted", "tup_updated")


def _stat(path):
    try:
        raw = open(path).read()
    except OSError:
        return None
    name = raw[raw.index("(") + 1:raw.rindex(")")]
    f = raw[raw.rindex(")") + 2:].split()
    return name, int(f[11]), int(f[12]), int(f[13]), int(f[14])  # utime, stime, cutime, cstime


def _pg_counters(database):
    sql = "select %s from pg_stat_database where datname = '%s'" % (", ".join(PG_COUNTERS), database)
    out = subprocess.run(["psql", "-X", "-At", "-F", " ", "-d", "postgres", "-c", sql],
                         capture_output=True, text=True, check=True).stdout.split()
    return dict(zip(PG_COUNTERS, map(int, out))) if out else {c: 0 for c in PG_COUNTERS}


def snap(out, pid, database):
    groups = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        s = _stat(f"/proc/{pid}/task/{tid}/stat")
        if s:
            g = re.sub(r"\d+", "#", s[0])
            groups[g] = groups.get(g, 0) + s[1] + s[2]
    s = _stat(f"/proc/{pid}/stat")
    try:
        pg_uid = pwd.getpwnam("postgres").pw_uid
    except KeyError:
        pg_uid = None
    pg = 0
    for p in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.stat(f"/proc/{p}").st_uid != pg_uid:
                continue
        except OSError:
            continue
        ps = _stat(f"/proc/{p}/stat")
        if ps:
            pg += ps[1] + ps[2] + ps[3] + ps[4]
    cpu = list(map(int, open("/proc/stat").readline().split()[1:9]))
    busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + cpu[7]
    json.dump({"t": time.time(), "jvm": (s[1] + s[2]) if s else 0, "groups": groups, "pg": pg, "busy": busy,
               "total": sum(cpu), "db": _pg_counters(database)}, open(out, "w"))


def _kind(group):
    if group.startswith(("http-nio", "group-commit")):
        return "http"
    if "WorkPackage" in group or "Coordinator" in group or "EventProcessor" in group:
        return "processors"
    if group.startswith(("GC ", "G1 ", "C1 ", "C2 ")) or "Compiler" in group:
        return "gc"
    return "other"


def _ms(ticks, n):
    return ticks * 1000.0 / HZ / n


def row(before, after, requests):
    a, b = json.load(open(before)), json.load(open(after))
    n = max(1.0, float(requests))
    kinds = {"http": 0, "processors": 0, "gc": 0, "other": 0}
    for g, t in b["groups"].items():
        kinds[_kind(g)] += t - a["groups"].get(g, 0)
    figures = {"jvm_ms": _ms(b["jvm"] - a["jvm"], n), "pg_ms": _ms(b["pg"] - a["pg"], n)}
    figures["machine_ms"] = _ms(b["busy"] - a["busy"], n)
    figures.update({k + "_ms": _ms(v, n) for k, v in kinds.items()})
    figures.update({c: (b["db"][c] - a["db"][c]) / n for c in PG_COUNTERS})
    print(" ".join(f"{k}={v:.3f}" for k, v in figures.items()))


def groups(before, after, requests):
    a, b = json.load(open(before)), json.load(open(after))
    n = max(1.0, float(requests))
    rows = sorted(((t - a["groups"].get(g, 0), g) for g, t in b["groups"].items()), reverse=True)
    for t, g in rows[:10]:
        if t > 0:
            print(f"{_ms(t, n):7.3f} ms  {g}")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "snap":
        snap(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) == 5 and sys.argv[1] in ("row", "groups"):
        (row if sys.argv[1] == "row" else groups)(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
