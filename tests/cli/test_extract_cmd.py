"""The `newsledger extract` bad-input contract: report each bad input, output the good ones."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsledger.cli import cli

ARTICLE = (
    "Border talks resume\n\n"
    "GENEVA, March 3 (Reuters) - Delegations from Ruritania and Borduria met on Tuesday "
    "for a second round of talks on the disputed river crossing, officials said.\n"
)


def _run(args, input=None):
    return CliRunner().invoke(cli, args, input=input)


def test_extract_cmd_outputs_a_record_for_a_text_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = _run(["extract", str(path), "--format", "json", "--reference-date", "2024-03-05"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["schema"] == "newsledger.article/1"
    assert record["source"]["uri"] == str(path)
    assert "Ruritania" in record["text"]


def test_extract_cmd_reads_stdin():
    result = _run(["extract", "-", "--format", "jsonl"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.splitlines()[0])["source"]["uri"] == "<stdin>"


def test_extract_cmd_directory_mixing_good_and_bad_files(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.txt").write_bytes(
        ARTICLE.replace("Ruritania", "R\xfcritania").encode("latin-1")
    )
    nested = tmp_path / "more"
    nested.mkdir()
    (nested / "good2.txt").write_text(ARTICLE.replace("Borduria", "Syldavia"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    uris = sorted(r["source"]["uri"].rsplit("/", 1)[-1] for r in records)
    assert uris == ["good.txt", "good2.txt", "latin1.txt"]
    repaired = next(r for r in records if r["source"]["uri"].endswith("latin1.txt"))
    assert any("invalid UTF-8 repaired" in w for w in repaired["warnings"])
    assert "\ufffd" in repaired["text"]
    assert "empty.txt: is empty" in result.stderr
    assert "binary.txt: looks like binary data" in result.stderr
    assert "3 article(s) extracted, 2 failed" in result.stderr


def test_extract_cmd_refuses_an_oversized_file(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLEDGER_MAX_INPUT_BYTES", "1000")
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(big)])
    assert result.exit_code == 1
    assert "big.txt: is 5,000 bytes, larger than the 1,000-byte limit" in result.stderr


def test_extract_cmd_missing_path_and_bad_reference_date(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt: no such file or directory" in result.stderr
    result = CliRunner().invoke(
        cli, ["extract", "-", "--reference-date", "27/12/2025"], input=ARTICLE
    )
    assert result.exit_code == 2
    assert "is not a date in YYYY-MM-DD form" in result.output
