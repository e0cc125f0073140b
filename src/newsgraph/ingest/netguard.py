"""Where the fetcher's sockets go, and how long they may take.

Two guarantees live here, below httpx, at the one place every connection
and every read passes through (an httpcore network backend):

* The address that is checked is the address that is connected. Checking a
  host name and then letting httpx resolve it again leaves a gap: a name
  that answers a public address to the check and 127.0.0.1 to the connect
  (DNS rebinding) reaches the internal service. Here the name is resolved
  once per connection, every answer is checked, and the socket goes to a
  checked address. TLS still gets the host name (httpcore passes the
  origin's host as server_hostname), so SNI and certificate checks are those
  of the name, and the Host header comes from the URL as before.
* One wall-clock deadline per request covers connecting, TLS, sending, the
  headers and the body: every socket operation gets at most the time left.
  httpx's own timeouts are per operation, so a server sending one header
  byte per second never tripped them.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable
from typing import Any

import httpcore
import httpx

from newsgraph.errors import Code, NewsgraphError

Resolver = Callable[..., list[Any]]


class AddressError(NewsgraphError):
    """A host that resolves to a forbidden address (E008) or not at all (E007)."""

    def __init__(self, code: Code, message: str, host: str):
        super().__init__(code, message)
        self.host = host


def checked_addresses(host: str, port: int, *, allow_private: bool,
                      resolve: Resolver | None = None) -> list[str]:
    """The addresses `host` resolves to, each one public unless `allow_private`.

    Messages name the host, never the addresses: a server's error text must
    not tell a client what lies on the internal network.
    """
    try:
        infos = (resolve or socket.getaddrinfo)(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise AddressError(Code.FETCH_FAILED, f"cannot resolve {host}: {getattr(exc, 'strerror', None) or exc}",
                           host) from None
    addresses = [str(info[4][0]) for info in infos]
    if not allow_private and any(not _public(a) for a in addresses):
        raise AddressError(
            Code.FORBIDDEN_ADDRESS,
            f"{host} resolves to a private, loopback, link-local or reserved address; "
            "pass --allow-private to fetch it anyway",
            host,
        )
    return addresses


def _public(address: str) -> bool:
    addr = ipaddress.ip_address(address.split("%")[0])
    mapped = getattr(addr, "ipv4_mapped", None)
    if mapped is not None:
        addr = mapped
    return bool(addr.is_global) and not addr.is_multicast


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's sync backend, connecting to checked addresses only and within `deadline`."""

    def __init__(self, *, allow_private: bool, resolve: Resolver | None = None):
        self.inner = httpcore.SyncBackend()
        self.allow_private = allow_private
        self.resolve = resolve
        self.deadline: float | None = None  # time.monotonic() by which the current request must be done

    def time_left(self, timeout: float | None) -> float | None:
        """The timeout for one socket operation: what the caller allows, capped by the deadline."""
        if self.deadline is None:
            return timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the request's deadline passed")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        failure: Exception | None = None
        for address in checked_addresses(host, port, allow_private=self.allow_private, resolve=self.resolve):
            try:
                stream = self.inner.connect_tcp(address, port, timeout=self.time_left(timeout),
                                                local_address=local_address, socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc  # try the host's next address, as a resolver-driven connect would
                continue
            return DeadlineStream(stream, self)
        raise failure or httpcore.ConnectError(f"{host} has no address to connect to")

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("the fetcher does not use Unix sockets")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class DeadlineStream(httpcore.NetworkStream):
    """A connected stream whose every read and write ends by the backend's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, backend: GuardedBackend):
        self.inner, self.backend = inner, backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, self.backend.time_left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, self.backend.time_left(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        tls = self.inner.start_tls(ssl_context, server_hostname, self.backend.time_left(timeout))
        return DeadlineStream(tls, self.backend)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


def guarded_transport(backend: GuardedBackend) -> httpx.HTTPTransport:
    """An httpx transport whose connections all go through `backend`.

    httpx does not take a network backend as an argument, so its pool is
    replaced by one built with ours (same defaults, no proxies: the client
    ignores the environment's proxy settings anyway).
    """
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool = httpcore.ConnectionPool(  # noqa: SLF001 - the one seam httpx leaves for this
        ssl_context=httpx.create_ssl_context(trust_env=False), network_backend=backend,
    )
    return transport
