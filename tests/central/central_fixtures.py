"""Fixtures for the central records tests (a pytest plugin, named in tests/conftest.py):
real servers (uvicorn in a subprocess) over real TLS (certificates from trustme), on
SQLite and on a real PostgreSQL started here.

PostgreSQL: the cluster is made with initdb in a temporary folder and started with
pg_ctl on a free loopback port, as the ``postgres`` user when the tests run as root
(PostgreSQL refuses to run as root), and stopped afterwards. If PostgreSQL is not
installed, it is installed with apt when running as root (as scripts/setup does);
otherwise the PostgreSQL tests FAIL, unless CSTR_SKIP_POSTGRES=1 says to skip them.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from central.config import Settings, database_url
from central.db import Database

ROOT = Path(__file__).resolve().parents[2]
BACKENDS = ("sqlite", "postgresql")
_TIMINGS: list[str] = []


def ca_context(ca_file: str) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=ca_file)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# TLS ------------------------------------------------------------------------------


@dataclass
class Tls:
    folder: Path
    ca_file: str
    cert_file: str
    key_file: str
    other_ca_file: str
    other_cert_file: str
    other_key_file: str


@pytest.fixture(scope="session")
def tls(tmp_path_factory) -> Tls:
    import trustme

    folder = tmp_path_factory.mktemp("tls")
    ca, other = trustme.CA(), trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    wrong = other.issue_cert("127.0.0.1", "localhost")
    paths = {}
    for name, blob in (("ca.pem", ca.cert_pem), ("other-ca.pem", other.cert_pem),
                       ("cert.pem", None), ("key.pem", cert.private_key_pem),
                       ("other-cert.pem", None), ("other-key.pem", wrong.private_key_pem)):
        path = folder / name
        if name == "cert.pem":
            path.write_bytes(b"".join(b.bytes() for b in cert.cert_chain_pems))
        elif name == "other-cert.pem":
            path.write_bytes(b"".join(b.bytes() for b in wrong.cert_chain_pems))
        else:
            blob.write_to_path(str(path))
        paths[name] = str(path)
    return Tls(folder, paths["ca.pem"], paths["cert.pem"], paths["key.pem"],
               paths["other-ca.pem"], paths["other-cert.pem"], paths["other-key.pem"])


# PostgreSQL -----------------------------------------------------------------------


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _install_postgres() -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                    "postgresql"], check=True, env=env, stdout=subprocess.DEVNULL)


@dataclass
class PgCluster:
    folder: Path
    bin: Path
    port: int
    password: str
    as_user: list[str]
    counter: int = 0
    databases: list[str] = field(default_factory=list)

    def url(self, database: str) -> str:
        return f"postgresql://cstr:{self.password}@127.0.0.1:{self.port}/{database}"

    def psql(self, sql: str) -> None:
        subprocess.run([*self.as_user, str(self.bin / "psql"), "-h", "127.0.0.1", "-p",
                        str(self.port), "-U", "cstr", "-d", "postgres", "-v",
                        "ON_ERROR_STOP=1", "-q", "-c", sql], check=True,
                       env={**os.environ, "PGPASSWORD": self.password},
                       stdout=subprocess.DEVNULL)

    def new_database(self) -> str:
        self.counter += 1
        name = f"central_{self.counter}_{uuid.uuid4().hex[:6]}"
        self.psql(f"CREATE DATABASE {name}")
        self.databases.append(name)
        return self.url(name)


class PostgresMissing(Exception):
    pass


def start_cluster() -> PgCluster:
    """initdb and pg_ctl start in a temporary folder, on a free loopback port."""
    pg_bin = _pg_bin()
    is_root = os.geteuid() == 0
    if pg_bin is None and is_root and shutil.which("apt-get"):
        _install_postgres()
        pg_bin = _pg_bin()
    if pg_bin is None:
        raise PostgresMissing("PostgreSQL is not installed (initdb not found) and cannot be "
                              "installed (not root): install the postgresql package, or set "
                              "CSTR_SKIP_POSTGRES=1 to skip these tests knowingly")
    folder = Path(tempfile.mkdtemp(prefix="cstr-pg-"))
    as_user: list[str] = []
    password = uuid.uuid4().hex
    (folder / "pw").write_text(password)
    if is_root:
        owner = pwd.getpwnam("postgres")
        for path in (folder, folder / "pw"):
            os.chown(path, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    subprocess.run([*as_user, str(pg_bin / "initdb"), "-D", str(folder / "data"), "-U", "cstr",
                    "-E", "UTF8", "--no-locale", "--auth-local=trust",
                    "--auth-host=scram-sha-256", f"--pwfile={folder / 'pw'}", "--no-sync"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    options = (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300")
    subprocess.run([*as_user, str(pg_bin / "pg_ctl"), "-D", str(folder / "data"), "-o",
                    options, "-l", str(folder / "log"), "-w", "-t", "60", "start"],
                   check=True, stdout=subprocess.DEVNULL)
    return PgCluster(folder, pg_bin, port, password, as_user)


def stop_cluster(cluster: PgCluster) -> None:
    subprocess.run([*cluster.as_user, str(cluster.bin / "pg_ctl"), "-D",
                    str(cluster.folder / "data"), "-m", "fast", "-w", "stop"],
                   stdout=subprocess.DEVNULL, check=False)
    shutil.rmtree(cluster.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg(request) -> PgCluster:
    started = time.monotonic()
    try:
        cluster = start_cluster()
    except PostgresMissing as exc:
        if os.environ.get("CSTR_SKIP_POSTGRES") == "1":
            pytest.skip("PostgreSQL is not installed and CSTR_SKIP_POSTGRES=1: SKIPPING the "
                        "PostgreSQL half of the central suite")
        pytest.fail(str(exc))
    took = time.monotonic() - started
    line = (f"central: PostgreSQL set-up took {took:.1f} s "
            f"({cluster.bin.parent.name}, port {cluster.port}, {cluster.folder})")
    _TIMINGS.append(line)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line("")
        reporter.write_line(line)
    yield cluster
    stop_cluster(cluster)


def pytest_terminal_summary(terminalreporter) -> None:
    for line in _TIMINGS:
        terminalreporter.write_line(line)


# Servers ----------------------------------------------------------------------------


@dataclass
class CentralServer:
    """``cstr-central serve`` in a subprocess, over TLS on a loopback port."""

    data_dir: Path
    tls: Tls
    database_env: str | None
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    extra_env: dict = field(default_factory=dict)
    cert: str | None = None
    key: str | None = None
    ca: str | None = None

    @property
    def base_url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def settings(self) -> Settings:
        return Settings(data_dir=self.data_dir,
                        database_url=database_url(self.data_dir, self.database_env),
                        key_dir=self.data_dir / "keys")

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        if self.database_env:
            env["DATABASE_URL"] = self.database_env
        return {**env, **self.extra_env}

    def start(self, timeout: float = 30) -> CentralServer:
        log = open(self.data_dir / "server.log", "ab")  # noqa: SIM115 - kept by the process
        self.process = subprocess.Popen(
            [sys.executable, "-m", "central", "serve", "--data-dir", str(self.data_dir),
             "--host", "127.0.0.1", "--port", str(self.port),
             "--tls-cert", self.cert or self.tls.cert_file,
             "--tls-key", self.key or self.tls.key_file],
            env=self.env(), stdout=log, stderr=log, cwd=ROOT)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("central did not start:\n" + self.log())
            try:
                response = httpx.get(f"{self.base_url}/api/v1/health",
                                     verify=ca_context(self.ca or self.tls.ca_file), timeout=2)
                if response.status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError("central did not answer in time:\n" + self.log())

    def log(self) -> str:
        path = self.data_dir / "server.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, as a crash or a power cut of the process."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def db(self) -> Database:
        return Database(self.settings)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


def _database_env(backend: str, request) -> str | None:
    if backend == "sqlite":
        return None
    return request.getfixturevalue("pg").new_database()


@pytest.fixture
def make_server(tmp_path, tls, request):
    """Start servers on a backend (shared database per test); all stopped at the end."""
    started: list[CentralServer] = []
    envs: dict[str, str | None] = {}

    def make(backend: str = "sqlite", **kwargs) -> CentralServer:
        if backend not in envs:
            envs[backend] = _database_env(backend, request)
        folder = tmp_path / f"central-{backend}"
        folder.mkdir(exist_ok=True)
        server = CentralServer(folder, tls, envs[backend], **kwargs)
        started.append(server)
        return server.start()

    yield make
    for server in started:
        server.stop()


@pytest.fixture(scope="module")
def shared_servers(tmp_path_factory, tls, request):
    """One server per backend for a whole test module (tests use their own devices)."""
    servers: dict[str, CentralServer] = {}

    def get(backend: str) -> CentralServer:
        if backend not in servers:
            folder = tmp_path_factory.mktemp(f"central-{backend}")
            servers[backend] = CentralServer(folder, tls,
                                             _database_env(backend, request)).start()
        return servers[backend]

    yield get
    for server in servers.values():
        server.stop()


@pytest.fixture
def server(backend, shared_servers) -> CentralServer:
    return shared_servers(backend)


# Laptops ----------------------------------------------------------------------------


def add_device_code(server: CentralServer, name: str | None = None) -> str:
    from central.audit import Actor
    from central.devices import add_device

    db = server.db()
    try:
        with db.write() as session:
            _device, code = add_device(session, name or f"laptop-{uuid.uuid4().hex[:8]}",
                                       Actor("test", "cli"))
    finally:
        db.dispose()
    return code


@pytest.fixture
def enrolled(tls):
    """An enrolled laptop on a server: ``enrolled(server)``; closed at the end."""
    from central_laptop import Laptop

    made = []

    def make(server: CentralServer, store=None, name: str | None = None) -> Laptop:
        laptop = Laptop(server.base_url, tls.ca_file, store)
        made.append(laptop)
        response = laptop.enrol(add_device_code(server, name))
        assert response.status_code == 201, response.text
        return laptop

    yield make
    for laptop in made:
        laptop.close()


def run_cli(server: CentralServer, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "central", *args, "--data-dir",
                           str(server.data_dir)], env=server.env(), capture_output=True,
                          text=True, timeout=60, cwd=ROOT)


# Browsers -----------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium through Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed (apt install chromium; scripts/setup does)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1280,
                                                                      "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()
