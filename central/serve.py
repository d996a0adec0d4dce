"""``cstr-central serve``: uvicorn with the TLS rule.

Plain HTTP is allowed only on a loopback address (for a reverse proxy on the same host
that terminates TLS, or for trying it out); any other address needs ``--tls-cert`` and
``--tls-key``, which are checked before anything listens.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import ssl
import sys
from pathlib import Path

import uvicorn
from uvicorn.supervisors import Multiprocess

from central.app import StartupError, create_app
from central.config import Settings, export_env


class ServeError(Exception):
    pass


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_tls(host: str, cert: str | None, key: str | None) -> None:
    if bool(cert) != bool(key):
        raise ServeError("give both --tls-cert and --tls-key, or neither")
    if not cert:
        if not is_loopback(host):
            raise ServeError(f"plain HTTP is only allowed on a loopback address, not {host}: "
                             "give --tls-cert and --tls-key")
        return
    for label, path in (("--tls-cert", cert), ("--tls-key", key)):
        if not Path(path).is_file():
            raise ServeError(f"{label}: no such file: {path}")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(cert, key)
    except (ssl.SSLError, ValueError) as exc:
        raise ServeError(f"the TLS certificate and key do not load together: {exc}") from exc


def serve(settings: Settings, host: str, port: int, tls_cert: str | None,
          tls_key: str | None, workers: int = 1) -> int:
    check_tls(host, tls_cert, tls_key)
    if not 0 < port < 65536:
        raise ServeError(f"--port {port} is not a port number")
    if workers < 1:
        raise ServeError("--workers is at least 1")
    try:
        app = create_app(settings)  # fails early and clearly, before any worker starts
    except StartupError as exc:
        raise ServeError(str(exc)) from exc
    os.environ.update(export_env(settings))
    scheme = "https" if tls_cert else "http"
    where = "SQLite in " + str(settings.data_dir) if settings.is_sqlite else "PostgreSQL"
    print(f"cstr-central: serving on {scheme}://{host}:{port} ({where}, "
          f"{workers} worker{'s' if workers > 1 else ''})", file=sys.stderr, flush=True)
    options = {"host": host, "port": port, "ssl_certfile": tls_cert, "ssl_keyfile": tls_key,
               "proxy_headers": True, "forwarded_allow_ips": "127.0.0.1",
               "server_header": False, "log_level": "info", "timeout_graceful_shutdown": 10}
    if workers > 1:
        app.state.db.dispose()
        _run_workers(workers, options)
    else:
        uvicorn.run(app, **options)
    return 0


def _run_workers(workers: int, options: dict) -> None:
    """As ``uvicorn.run(..., workers=N)``, with TCP_NODELAY on the shared socket.

    Each worker rebuilds the listening socket from its descriptor, and asyncio then does
    not recognise it as TCP, so it leaves Nagle's algorithm on for every connection: a
    TLS answer written in two pieces then waits ~40 ms for the client's delayed ACK.
    Linux passes TCP_NODELAY from the listening socket to the connections it accepts.
    """
    config = uvicorn.Config("central.app:app_from_env", factory=True, workers=workers,
                            **options)
    sock = config.bind_socket()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        Multiprocess(config, sockets=[sock]).run()
    except KeyboardInterrupt:
        pass
