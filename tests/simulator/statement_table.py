#!/usr/bin/env python3
"""Markdown table of the statements Arbor sent to each simulated MySQL flavour.

Run the MySQL simulator tests with ARBOR_SIMULATOR_STATEMENT_LOG=FILE (the simulator appends
"flavour<TAB>version<TAB>error<TAB>statement" per statement it received), then:
    tests/simulator/statement_table.py FILE
Only statements the server accepted (error 0) at the flavour's default version are listed; the
tests' deliberately wrong statements are refused and so left out. Numbers, ports and GTID sets are
replaced by placeholders so that one row holds one kind of statement.
"""
import re
import sys

FLAVOURS = [("mysql-5.7", "5.7.44-log"), ("mysql-8.0", "8.0.36"), ("mysql-8.4", "8.4.3")]

# (purpose, pattern on the normalised statement); first match wins.
PURPOSES = [
    ("identity", r"^SELECT @@version AS version"),
    ("server variables", r"^SELECT @@global\.server_id"),
    ("one variable", r"^SELECT @@GLOBAL\.\w+ AS \w+$"),
    ("replication status", r"^SHOW (SLAVE|REPLICA) STATUS$"),
    ("binary log position", r"^SHOW (MASTER|BINARY LOG) STATUS$"),
    ("replicas", r"^SHOW (SLAVE HOSTS|REPLICAS)$"),
    ("replicas without report_host", r"information_schema\.processlist"),
    ("semi-sync settings", r"^SHOW GLOBAL VARIABLES LIKE"),
    ("status", r"^SHOW GLOBAL STATUS"),
    ("privileges (arbor check)", r"^SHOW GRANTS"),
    ("stop replication", r"^STOP (SLAVE|REPLICA)$"),
    ("start replication", r"^START (SLAVE|REPLICA)$"),
    ("start until a position", r"^START (SLAVE|REPLICA) UNTIL"),
    ("one replication thread", r"^(STOP|START) (SLAVE|REPLICA) (IO|SQL)_THREAD$"),
    ("forget the source", r"^RESET (SLAVE|REPLICA) ALL$"),
    ("point at a source by GTID", r"^CHANGE .*AUTO_POSITION=1"),
    ("point at a source by file and position", r"^CHANGE .*AUTO_POSITION=0"),
    ("read-only on / off", r"^SET GLOBAL .*read_only"),
    ("wait for a GTID set", r"WAIT_FOR_EXECUTED_GTID_SET|MASTER_GTID_WAIT"),
    ("wait for a position", r"(SOURCE|MASTER)_POS_WAIT"),
    ("errant GTID as an empty transaction (then BEGIN, COMMIT)", r"^SET GTID_NEXT"),
    ("forget the GTID history (errant on a replica)", r"^RESET (MASTER|BINARY LOGS AND GTIDS)$"),
    ("the GTID history it keeps", r"^SET GLOBAL gtid_purged"),
    ("session setup", r"^SET (NAMES|SESSION)"),
]


def normalise(sql):
    sql = re.sub(r"'[0-9a-f]{8}-[0-9a-f-]{27}:[^']*'", "'<gtid set>'", sql)
    sql = re.sub(r"(PASSWORD=)'[^']*'", r"\1'<redacted>'", sql)
    sql = re.sub(r"(USER=)'[^']*'", r"\1'<user>'", sql)
    sql = re.sub(r"\b\d{4,5}\b", "<port>", sql)
    sql = re.sub(r"(_RETRY=)\d+", r"\1<n>", sql)
    sql = re.sub(r"(, )\d+(\) AS)", r"\1<timeout>\2", sql)
    return sql


def main(path):
    seen = {}  # purpose -> flavour -> statement
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t", 3)
        if len(parts) != 4:
            continue
        flavour, version, error, sql = parts
        if error != "0" or (flavour, version) not in FLAVOURS:
            continue
        for purpose, pattern in PURPOSES:
            if re.search(pattern, sql, re.IGNORECASE):
                seen.setdefault(purpose, {}).setdefault(flavour, set()).add(normalise(sql))
                break
    print("| purpose | " + " | ".join(f for f, _ in FLAVOURS) + " |")
    print("|---|" + "---|" * len(FLAVOURS))
    for purpose, _ in PURPOSES:
        if purpose not in seen:
            continue
        cells = []
        for flavour, _ in FLAVOURS:
            statements = sorted(seen[purpose].get(flavour, []), key=len)[:2]
            if not statements:
                cells.append("(not exercised)")
                continue
            # The two shortest stand for the kind; long SELECT lists are cut to their start.
            shown = []
            for sql in statements:
                if sql.startswith("SELECT") and len(sql) > 110:
                    sql = sql[:107] + "..."
                shown.append("`" + sql.replace("|", "\\|") + "`")
            cells.append("<br>".join(shown))
        print(f"| {purpose} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
