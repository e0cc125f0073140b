"""A store with fictional articles, an app over it, and a live server for the browser."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'newsgraph[serve]'")

ARTICLE = """Library board approves longer weekend hours

The Millbrook Public Library board voted on Tuesday to keep its three branches open until 8 p.m. on Saturdays, starting next month.

"Weekends are when working families can actually come in," said board president Alma Ruiz. "We should be open when they are free."

The change will cost about $180,000 a year, according to the library's finance office.

Ruiz said the board would review visitor numbers after six months.
"""


# The server answers for loopback names only (setting serve_allowed_hosts), not TestClient's "testserver".
LOCAL = "http://127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from newsgraph.ingest import iter_inputs
    from newsgraph.pipeline import get_pipeline
    from newsgraph.settings import load_settings
    from newsgraph.store import open_store

    folder = tmp_path_factory.mktemp("arts")
    (folder / "library.txt").write_text(ARTICLE, "utf-8")
    db = folder / "small.db"
    settings = load_settings()
    with open_store(db) as store:
        store.put_many(get_pipeline(settings).run(iter_inputs([str(folder / "library.txt")], settings)))
    return db


@pytest.fixture
def client(small_db: Path):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from newsgraph.serve import ServeConfig, create_app

    app = create_app(ServeConfig(db=str(small_db), max_body_bytes=50_000, allow_fetch=True, allow_private=False))
    with TestClient(app, base_url=LOCAL) as c:
        yield c


class LiveServer:
    def __init__(self, db: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(self.port)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(self.proc.stdout.read().decode() if self.proc.stdout else "server died") from None
                time.sleep(0.2)
        raise RuntimeError("the server did not start within 60s")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=20)


# A store for the newsroom pages: the seed, the package's demo articles (a wire story and its copy among
# them) and a run of fictional council reports, so the quote explorer has pages to turn and facets to count.
COUNCIL_REPORTS = 60
OUTLETS = ("Vellmoor Gazette", "Harlow Ledger", "Quillby Courier")


def council_report(i: int):  # type: ignore[no-untyped-def]
    import hashlib

    from newsgraph.model import (
        AnalyzedDocument,
        Article,
        Attribution,
        Entity,
        Mention,
        SourceRef,
        Span,
        SpeakerRef,
    )

    speaker, title = (("Mara Quill", "councillor"), ("Odo Brenn", "engineer"))[i % 2]
    head = f"Vellmoor Council report {i}: the ferry timetable, week {i}"
    words = f"The ferry crossing will keep its {i + 2} sailings a day through the spring season"
    body = (f"{head}\n\nVellmoor Council met on the ferry timetable on day {i}.\n\n"
            f"\"{words},\" said {title} {speaker}.\n\nI said the pier needs paint number {i}.")
    q0 = body.index('"')
    q1 = body.index('"', q0 + 1) + 1
    who = body.index(speaker)
    council = body.index("Vellmoor Council", len(head))
    i_at = body.rindex("I said")
    ents = (Entity("e1", speaker, "PERSON", aliases=(speaker,), titles=(title,),
                   mentions=(Mention(who, who + len(speaker), speaker),)),
            Entity("e2", "Vellmoor Council", "ORG", mentions=(Mention(council, council + 16, "Vellmoor Council"),)))
    pier = body.index("the pier")
    atts = (Attribution("a1", "direct" if i % 3 else "mixed", Span(q0, q1, body[q0:q1]), None,
                        SpeakerRef(speaker, who, who + len(speaker), "e1", speaker)),
            Attribution("a2", "indirect", Span(pier, len(body) - 1, body[pier:len(body) - 1]), None,
                        SpeakerRef("I", i_at, i_at + 1, None, None)))
    sha = hashlib.sha256(body.encode()).hexdigest()
    day = f"2031-{1 + i % 3:02d}-{1 + i % 27:02d}"
    return AnalyzedDocument(source=SourceRef(f"council-{i}.txt", f"fictional:council/{i}", sha, "text"),
                            article=Article(title=head, text=body, published=day, publisher=OUTLETS[i % 3],
                                            url=f"https://news.example/council/{i}"),
                            entities=ents, attributions=atts)


@pytest.fixture(scope="session")
def newsroom_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from importlib import resources

    from newsgraph.store import open_store
    from tests.conftest import run_cli, shared_file

    seed = shared_file("seed/000_d83e9b355770aa0a.txt")
    examples = str(resources.files("newsgraph").joinpath("data/examples"))
    db = tmp_path_factory.mktemp("newsroom") / "newsroom.db"
    with open_store(db) as store:
        store.put_many(council_report(i) for i in range(COUNCIL_REPORTS))
    proc = run_cli("ingest", str(seed), examples, "--db", str(db), "--jobs", "1")
    assert proc.returncode == 0, proc.stderr.decode()
    return db
