"""What publishing needs is in place: project URLs, and the release and site workflows."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"


def _workflow(name: str) -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return loaded


def _steps(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("uses", "")) + str(step.get("run", "")) for step in job["steps"])


def test_the_metadata_links_the_docs_changelog_and_issues() -> None:
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert {"Documentation", "Changelog", "Issues"} <= set(urls)
    assert all(url.startswith("https://") for url in urls.values())


def test_a_version_tag_builds_checks_and_publishes_by_trusted_publishing() -> None:
    release = _workflow("release.yml")
    assert release[True]["push"]["tags"] == ["v*"]  # YAML reads the key "on" as True
    build, publish = release["jobs"]["build"], release["jobs"]["publish"]
    assert "bash .ci/run" in _steps(build)
    assert "python -m build" in _steps(build)
    assert "twine check" in _steps(build)
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"id-token": "write"}  # OIDC, no stored token
    assert "pypa/gh-action-pypi-publish" in _steps(publish)
    assert "secrets." not in (WORKFLOWS / "release.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("job", ["build", "deploy"])
def test_the_site_is_built_from_the_wheel_and_published_to_pages(job: str) -> None:
    docs = _workflow("docs.yml")
    steps = _steps(docs["jobs"][job])
    if job == "build":
        assert "python -m build --wheel" in steps
        assert "mkdocs build --strict" in steps
        assert "actions/upload-pages-artifact" in steps
    else:
        assert "actions/deploy-pages" in steps
    assert docs["permissions"]["pages"] == "write"
