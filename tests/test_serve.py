"""`digest serve`: an edited YAML field shows on the served page, and spaCy is never loaded."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from generator.content.refresh import extract_project
from generator.core.project import Project

from .conftest import make_project

ARTICLE = "Ferry Service Resumes\n\nHarbour master Tove Lind said that the ferry would run again on Monday.\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, timeout: float = 60) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        page = fetch(url)
        if page and text in page:
            return time.monotonic() - start
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared at {url}")


def test_yaml_change_shows_without_spacy(tmp_path):
    root = make_project(tmp_path, {"ferry.txt": ARTICLE})
    extract_project(Project(root))
    no_spacy = tmp_path / "no_spacy"
    (no_spacy / "spacy").mkdir(parents=True)
    (no_spacy / "spacy" / "__init__.py").write_text("raise ImportError('spaCy must not be loaded by serve')\n")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(no_spacy), str(Path(__file__).resolve().parents[1])])}
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--dev-addr", f"127.0.0.1:{port}", "--project", str(root)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/briefs/ferry-service-resumes/"
        wait_for(url, "Ferry Service Resumes")
        brief = root / "content" / "briefs" / "ferry-service-resumes.yml"
        brief.write_text(brief.read_text().replace("title: Ferry Service Resumes", "title: Ferry Back On Monday"))
        seconds = wait_for(url, "Ferry Back On Monday")
        print(f"edited title served after {seconds:.2f} s")
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "spaCy must not be loaded" not in output
    assert f"serving the digest at http://127.0.0.1:{port}/" in output  # the reader is told where to look


def test_serve_shows_a_problem_on_its_page_and_lists_all(tmp_path):
    """A typo in a speaker id: the preview's brief page opens with a banner naming it, and a
    Problems page lists every problem; a published build has neither."""
    root = make_project(tmp_path, {"ferry.txt": ARTICLE})
    extract_project(Project(root))
    brief = root / "content" / "briefs" / "ferry-service-resumes.yml"
    text = brief.read_text(encoding="utf-8")
    speaker = next(line for line in text.splitlines() if line.strip().startswith("speaker:"))
    brief.write_text(text.replace(speaker, speaker + "x", 1), encoding="utf-8")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--dev-addr", f"127.0.0.1:{port}", "--project", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/briefs/ferry-service-resumes/", "1 problem(s) in this brief")
        wait_for(f"http://127.0.0.1:{port}/problems/", "content/briefs/ferry-service-resumes.yml")
    finally:
        server.terminate()
        server.communicate(timeout=30)
    from typer.testing import CliRunner

    from generator.cli import app

    assert CliRunner().invoke(app, ["build", "--project", str(root)]).exit_code == 0
    assert not (root / "site" / "problems").exists()
    assert "problem(s) in this brief" not in (
        root / "site" / "briefs" / "ferry-service-resumes" / "index.html"
    ).read_text(encoding="utf-8")
