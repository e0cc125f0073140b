"""A local server that sends its response headers one byte at a time, for deadline tests."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class SlowHeaderServer:
    """Answers /robots.txt at once (404) and every other path with headers that never finish."""

    def __init__(self, byte_every_s: float = 0.1):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.byte_every_s = byte_every_s
        self.stop = threading.Event()
        self.requests: list[str] = []
        self.open_connections = 0
        self._lock = threading.Lock()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with self._lock:
            self.open_connections += 1
        try:
            request = conn.recv(65536).decode("latin-1")
            path = request.split(" ")[1] if " " in request else "?"
            self.requests.append(path)
            if path == "/robots.txt":
                conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                return
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"a" * 100_000
            for i in range(len(head)):
                if self.stop.wait(self.byte_every_s):
                    return
                conn.sendall(head[i:i + 1])
        except OSError:
            return  # the client gave up and closed: what the deadline is for
        finally:
            conn.close()
            with self._lock:
                self.open_connections -= 1


@contextmanager
def slow_header_server(byte_every_s: float = 0.1) -> Iterator[SlowHeaderServer]:
    srv = SlowHeaderServer(byte_every_s)
    thread = threading.Thread(target=srv.serve, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.stop.set()
        srv.sock.close()
        thread.join(timeout=5)
