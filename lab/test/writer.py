#!/usr/bin/python3
"""Continuous writer for the lab tests (Debian's psycopg2, run with /usr/bin/python3).

  writer.py DSN ACK_FILE [TABLE]
Creates TABLE (default lab_writes) if needed, then commits one row per transaction (autocommit) forever,
appending "<id> <epoch seconds>" to ACK_FILE for every commit the server acknowledged, and
"E <epoch> <message>" for errors (then reconnects after 50 ms). Stops on SIGTERM/SIGINT.
"""
import signal
import sys
import time

import psycopg2

dsn, ack_path = sys.argv[1], sys.argv[2]
table = sys.argv[3] if len(sys.argv) > 3 else "lab_writes"
if not table.replace("_", "").isalnum():
    sys.exit("bad table name")
stop = False


def on_term(*_):
    global stop
    stop = True


signal.signal(signal.SIGTERM, on_term)
signal.signal(signal.SIGINT, on_term)
out = open(ack_path, "a", buffering=1)
conn = None
cur = None
next_id = 0
created = False
while not stop:
    try:
        if conn is None:
            conn = psycopg2.connect(dsn, connect_timeout=2)
            conn.autocommit = True
            cur = conn.cursor()
            if not created:
                cur.execute("CREATE TABLE IF NOT EXISTS %s (id bigint PRIMARY KEY, at timestamptz DEFAULT now())" % table)
                created = True
                out.write("R %.6f ready\n" % time.time())
        next_id += 1
        cur.execute("INSERT INTO " + table + " (id) VALUES (%s)", (next_id,))
        out.write("%d %.6f\n" % (next_id, time.time()))
    except Exception as e:  # noqa: BLE001
        out.write("E %.6f %s\n" % (time.time(), str(e).strip().replace("\n", " ")[:200]))
        try:
            if conn is not None:
                conn.close()
        except Exception:  # noqa: BLE001
            pass
        conn = None
        time.sleep(0.05)
out.close()
