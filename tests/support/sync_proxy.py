"""A small HTTPS proxy in front of a real central, for the sync fault tests.

It presents central's own certificate (so the laptop's pin holds), reads each request,
and then does what the test asked for that request: pass it on; answer 500 itself;
stall (the laptop times out); or pass it on and drop the connection once central has
answered, before the laptop sees the answer (central committed, the laptop does not
know). One request per connection (``Connection: close``).
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections import deque

import httpx

PASS, ERROR_500, STALL, DROP_AFTER = "pass", "500", "stall", "drop-after"


class FaultProxy:
    def __init__(self, upstream: str, cert_file: str, key_file: str, ca_file: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.load_cert_chain(cert_file, key_file)
        self.client = httpx.Client(verify=ssl.create_default_context(cafile=ca_file),
                                   timeout=60)
        self.plan: deque[str] = deque()
        self.default = PASS
        self.seen: list[tuple[str, str, str]] = []  # (method, path, what was done)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def then(self, *actions: str) -> FaultProxy:
        self.plan.extend(actions)
        return self

    def close(self) -> None:
        self.stop_event.set()
        self.listener.close()
        self.client.close()

    def _serve(self) -> None:
        while not self.stop_event.is_set():
            try:
                raw, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(raw,), daemon=True).start()

    def _read_request(self, conn) -> tuple[str, str, dict, bytes] | None:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return None
            data += chunk
        head, body = data.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            name, value = line.split(":", 1)
            headers[name.strip()] = value.strip()
        length = int(next((v for k, v in headers.items() if k.lower() == "content-length"),
                          "0"))
        while len(body) < length:
            chunk = conn.recv(65536)
            if not chunk:
                return None
            body += chunk
        return method, path, headers, body

    def _handle(self, raw: socket.socket) -> None:
        try:
            conn = self.context.wrap_socket(raw, server_side=True)
        except (ssl.SSLError, OSError):
            raw.close()
            return
        try:
            request = self._read_request(conn)
            if request is None:
                return
            method, path, headers, body = request
            action = self.plan.popleft() if self.plan else self.default
            self.seen.append((method, path, action))
            if action == ERROR_500:
                text = b"Internal Server Error"
                conn.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain"
                             b"\r\nConnection: close\r\nContent-Length: "
                             + str(len(text)).encode() + b"\r\n\r\n" + text)
                return
            if action == STALL:
                self.stop_event.wait(120)
                return
            keep = {k: v for k, v in headers.items()
                    if k.lower() not in ("host", "content-length", "connection",
                                         "accept-encoding")}
            answer = self.client.request(method, self.upstream + path, content=body,
                                         headers=keep)
            if action == DROP_AFTER:
                return  # central has committed; the laptop never hears
            payload = answer.content
            head = [f"HTTP/1.1 {answer.status_code} {answer.reason_phrase}",
                    f"Content-Type: {answer.headers.get('content-type', 'application/json')}",
                    f"Content-Length: {len(payload)}", "Connection: close"]
            conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + payload)
        except (OSError, ssl.SSLError, httpx.HTTPError):
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass
