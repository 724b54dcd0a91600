"""A TCP relay for fault tests: ``python tcp_relay.py TARGET_HOST TARGET_PORT [LISTEN_PORT]``.

It listens on 127.0.0.1 (LISTEN_PORT, or a free port), prints the port on one line, and
copies bytes both ways between every client and the target. Tests put it between the app
and PostgreSQL, then stop it (SIGSTOP: the kernel still accepts connections and data, but
nothing is forwarded or answered: a hung server) or kill it (connections reset, the port
refuses: an unreachable server), and start it again on the same port.
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading


def _pump(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, sink):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)


def main() -> None:
    host, port = sys.argv[1], int(sys.argv[2])
    listen_port = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", listen_port))
    server.listen(64)
    print(server.getsockname()[1], flush=True)
    while True:
        client, _ = server.accept()
        try:
            upstream = socket.create_connection((host, port), timeout=5)
            upstream.settimeout(None)
        except OSError:
            client.close()
            continue
        threading.Thread(target=_pump, args=(client, upstream), daemon=True).start()
        threading.Thread(target=_pump, args=(upstream, client), daemon=True).start()


if __name__ == "__main__":
    main()
