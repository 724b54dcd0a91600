"""The command line's cache of validated questionnaires: read back only what it may trust."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assessment_models import loader, questionnaire_cache
from assessment_models.cli import main
from assessment_models.errors import QuestionnaireError
from assessment_models.questionnaire_cache import load_cached

FIXTURES = Path(__file__).parent.parent / "fixtures"
MINI = FIXTURES / "mini.yaml"
MINI_RESPONSES = FIXTURES / "mini-responses.json"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("SEXTANT_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_bytes(MINI.read_bytes())
    return path


def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources parsed from YAML from now on."""
    seen: list[str] = []
    parse = loader.parse_questionnaire

    def counting(text: str, source: str = "<questionnaire>"):  # type: ignore[no-untyped-def]
        seen.append(source)
        return parse(text, source)

    monkeypatch.setattr(loader, "parse_questionnaire", counting)
    return seen


def test_the_second_load_reads_the_cache_and_gives_the_same_questionnaire(
    cache: Path, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_cached(copy)
    seen = parses(monkeypatch)
    second = load_cached(copy)
    assert seen == []
    assert second == first
    assert second.questions_by_id.keys() == first.questions_by_id.keys()
    assert len(list(cache.glob("*.pickle"))) == 1


def test_the_cache_directory_and_its_entries_are_private(cache: Path, copy: Path) -> None:
    load_cached(copy)
    assert cache.stat().st_mode & 0o077 == 0
    (entry,) = cache.glob("*.pickle")
    assert entry.stat().st_mode & 0o077 == 0


def test_a_changed_file_is_parsed_again(
    cache: Path, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_cached(copy)
    copy.write_text(MINI.read_text(encoding="utf-8").replace("Mini check", "Mini check, v2"),
                    encoding="utf-8")
    seen = parses(monkeypatch)
    assert "v2" in load_cached(copy).title
    assert seen == [str(copy)]


def test_a_corrupt_entry_is_ignored(
    cache: Path, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = load_cached(copy)
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(entry.read_bytes()[:100])  # truncated
    seen = parses(monkeypatch)
    assert load_cached(copy) == expected
    assert seen == [str(copy)]


def test_an_entry_that_is_not_a_questionnaire_is_ignored(
    cache: Path, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = load_cached(copy)
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(b"\x80\x05K\x2a.")  # a pickled 42
    assert load_cached(copy) == expected


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_an_entry_others_can_write_to_is_never_read(
    cache: Path, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_cached(copy)
    cache.chmod(0o777)
    seen = parses(monkeypatch)
    load_cached(copy)
    assert seen == [str(copy)]


def test_no_cache_when_turned_off(
    cache: Path, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEXTANT_NO_CACHE", "1")
    load_cached(copy)
    assert not cache.exists()


def test_an_unwritable_cache_still_loads_the_questionnaire(
    tmp_path: Path, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("SEXTANT_CACHE_DIR", str(blocker / "cache"))
    assert load_cached(copy).id == "mini"


def test_a_missing_file_says_so_as_without_a_cache(cache: Path, tmp_path: Path) -> None:
    with pytest.raises(QuestionnaireError, match="no such file"):
        load_cached(tmp_path / "missing.yaml")


def test_validate_always_parses_the_file(
    cache: Path, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_cached(copy)
    seen = parses(monkeypatch)
    assert main(["validate", str(copy)]) == 0
    assert seen == [str(copy)]


def test_score_through_the_cache_gives_the_same_output(
    cache: Path, copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["score", str(MINI_RESPONSES), "--questionnaire", str(copy), "--format", "json"]
    outputs = []
    for _ in range(2):
        assert main(args) == 0
        outputs.append(json.loads(capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    assert len(list(cache.glob("*.pickle"))) == 1


def test_score_from_the_cache_does_not_import_yaml(cache: Path, copy: Path) -> None:
    probe = (
        "import sys\n"
        "from assessment_models.cli import main\n"
        f"main(['score', {str(MINI_RESPONSES)!r}, '--questionnaire', {str(copy)!r}])\n"
        "print('yaml' in sys.modules)"
    )
    env = dict(os.environ, SEXTANT_CACHE_DIR=str(cache))
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           check=True, env=env).stdout.strip().splitlines()[-1]
            for _ in range(2)]
    assert runs == ["True", "False"]  # parsed the first time, read from the cache after


def test_the_key_covers_the_rules_that_decide_validity() -> None:
    assert set(questionnaire_cache._RULES) == {"questionnaire.py", "questions.py",
                                               "content_checks.py", "loader.py"}
    here = Path(questionnaire_cache.__file__).parent
    assert all((here / name).is_file() for name in questionnaire_cache._RULES)
