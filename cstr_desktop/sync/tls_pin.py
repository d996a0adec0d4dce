"""Central's TLS certificate, pinned at enrolment (docs/sync-protocol.md, Transport).

At enrolment the certificate must be trusted one of two ways: it verifies for the URL's
host against the system's certificate authorities (or ``--ca-file``), or its SHA-256
fingerprint is the one central's administrator read out (``--tls-fingerprint``). The
certificate seen is then pinned: afterwards a server is trusted only if it presents
exactly that certificate, whatever authority signed another.
"""

from __future__ import annotations

import hashlib
import socket
import ssl
from urllib.parse import urlsplit

from cstr_desktop.errors import CentralUnreachable, SyncError, WrongCertificate

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def fingerprint_of(pem: str) -> str:
    """SHA-256 of the certificate's DER, in pairs of hex separated by colons (as
    ``openssl x509 -fingerprint -sha256`` shows it)."""
    digest = hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest().upper()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def same_fingerprint(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return "".join(ch for ch in text.lower() if ch in "0123456789abcdef")
    return norm(a) == norm(b)


def split_url(url: str) -> tuple[str, str, int]:
    """The scheme, host and port of central's URL; plain HTTP only on a loopback host."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise SyncError(f"not a URL: {url!r}") from None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise SyncError(f"not a central records URL (https://host[:port]): {url!r}")
    if parts.path not in ("", "/") or parts.query:
        raise SyncError(f"give central's address without a path: {url!r}")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise SyncError("central must be reached over https (plain http only on this "
                        "computer's loopback address)")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def _peer_pem(host: str, port: int, context: ssl.SSLContext, timeout: float) -> str:
    try:
        with socket.create_connection((host, port), timeout=timeout) as raw, \
                context.wrap_socket(raw, server_hostname=host) as tls:
            der = tls.getpeercert(binary_form=True)
    except ssl.SSLCertVerificationError:
        raise
    except (OSError, ssl.SSLError) as exc:
        raise CentralUnreachable(f"central at {host}:{port} could not be reached: "
                                 f"{exc.strerror or exc}") from None
    return ssl.DER_cert_to_PEM_cert(der)


def trusted_certificate(url: str, ca_file: str | None = None,
                        expected: str | None = None, timeout: float = 15.0) -> str | None:
    """The certificate to pin for ``url`` (PEM), or None for plain HTTP on loopback."""
    scheme, host, port = split_url(url)
    if scheme == "http":
        return None
    try:
        verifying = ssl.create_default_context(cafile=ca_file)
    except (OSError, ssl.SSLError):
        raise SyncError(f"cannot read the certificate authority file {ca_file}") from None
    try:
        pem = _peer_pem(host, port, verifying, timeout)
        if expected and not same_fingerprint(fingerprint_of(pem), expected):
            raise WrongCertificate(f"central's certificate has the fingerprint "
                                   f"{fingerprint_of(pem)}, not {expected}: not enrolled")
        return pem
    except ssl.SSLCertVerificationError as exc:
        problem = exc.verify_message or str(exc)
    unverified = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    unverified.check_hostname = False
    unverified.verify_mode = ssl.CERT_NONE
    pem = _peer_pem(host, port, unverified, timeout)
    seen = fingerprint_of(pem)
    if expected and same_fingerprint(seen, expected):
        return pem
    if expected:
        raise WrongCertificate(f"central's certificate has the fingerprint {seen}, not "
                               f"{expected}: not enrolled")
    raise WrongCertificate(f"central's certificate is not trusted by this laptop ({problem}). "
                           f"Check its fingerprint {seen} with central's administrator, then "
                           "enrol again with --tls-fingerprint and that fingerprint")


def pinned_context(pem: str) -> ssl.SSLContext:
    """A TLS context that trusts only the pinned certificate (for its host name)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(cadata=pem)
    # The pinned certificate is the trust anchor itself, whoever issued it.
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    return context
