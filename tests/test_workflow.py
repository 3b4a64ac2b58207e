"""The CI workflow and the pre-commit hook: they parse and run the steps the project relies on."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job["steps"]


def run_of(job: dict[str, Any], command: str) -> dict[str, Any]:
    found = [s for s in steps(job) if command in s.get("run", "")]
    assert len(found) == 1, f"expected one step running {command!r}"
    return found[0]


def test_triggers_and_permissions() -> None:
    workflow = load(WORKFLOW)
    on = workflow.get("on", workflow.get(True))  # PyYAML (YAML 1.1) reads `on` as true
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert "refs/heads/main" in deploy["if"]


def test_pull_request_steps() -> None:
    build = load(WORKFLOW)["jobs"]["build"]
    python = next(s for s in steps(build) if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11"
    assert "pip install -e " in run_of(build, "pip install")["run"]
    assert run_of(build, "congkhai check")["run"] == \
        "congkhai check --format github procedures units indexes"
    assert run_of(build, "mkdocs build")["run"] == "mkdocs build --strict"
    assert run_of(build, "make test")["run"] == "make test"
    report = run_of(build, "congkhai diff")
    assert 'congkhai diff "origin/$BASE_REF" HEAD --format markdown' in report["run"]
    assert report["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert "$GITHUB_STEP_SUMMARY" in report["run"]
    comment = run_of(build, "gh pr comment")
    assert "pull_request" in comment["if"]
    checkout = steps(build)[0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == 0  # the base branch must be in the clone
    order = [s.get("run", "") for s in steps(build)]
    index = {c: next(i for i, r in enumerate(order) if c in r)
             for c in ("pip install", "congkhai check", "mkdocs build", "make test",
                       "congkhai diff")}
    assert sorted(index, key=index.get) == list(index)


def test_pages_deploy_steps() -> None:
    jobs = load(WORKFLOW)["jobs"]
    upload = next(s for s in steps(jobs["build"])
                  if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert "refs/heads/main" in upload["if"]
    deploy = steps(jobs["deploy"])
    assert deploy[0]["uses"].startswith("actions/deploy-pages@")


def test_actions_are_pinned_to_commits() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)", text)
    assert uses, "no action used"
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), \
            f"{action}: pin the action to a full commit SHA (# vX.Y.Z as a comment)"


def test_pre_commit_hook_checks_changed_records() -> None:
    config = load(PRE_COMMIT)
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    [hook] = repo["hooks"]
    assert hook["entry"] == "congkhai check"
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is True
    pattern = re.compile(hook["files"])
    for path in ("procedures/1.001193.yaml", "units/so-tu-phap.yaml", "indexes/par-index.yml"):
        assert pattern.search(path), path
    for path in ("docs/index.md", "mkdocs.yml", "tests/bad/tabs.yaml"):
        assert not pattern.search(path), path
