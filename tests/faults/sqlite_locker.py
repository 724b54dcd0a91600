"""Hold a SQLite database's write lock from another process: ``python sqlite_locker.py DB``.

Takes the write lock (``BEGIN IMMEDIATE``), prints ``locked``, and keeps it until a line
arrives on stdin (or stdin closes), then rolls back and exits: what a second Sextant
process, a backup tool or a long migration holding the lock looks like to the app.
"""

from __future__ import annotations

import sqlite3
import sys


def main() -> None:
    connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
    connection.execute("BEGIN IMMEDIATE")
    print("locked", flush=True)
    sys.stdin.readline()
    connection.execute("ROLLBACK")
    connection.close()


if __name__ == "__main__":
    main()
