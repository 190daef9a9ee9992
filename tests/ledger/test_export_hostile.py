"""Exports of hostile text: CSV cells are never formulas; other formats keep values exact."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from ledger_factory import article, entity, event

from newsledger.ledger.export import export, spreadsheet_safe
from newsledger.ledger.store import Ledger
from tests.fixtures.hostile import FORMULA_STARTS, cases

FORMULA_CASE = cases()["formula"]


def _formula_article() -> object:
    rec = article(
        "Estra officials met on Monday to discuss fuel taxes, the ministry said.",
        outlet=FORMULA_CASE["outlet"],
        headline=FORMULA_CASE["title"],
        uri="=cmd|' /C calc'!A0",
    )
    entity(rec, "Estra", "GPE")
    event(rec, "MEET", "met", actor="Estra", obj="+fuel taxes", location="\tcapital")
    event(rec, "MEET", "discuss", actor="Estra", obj="\rtaxes", location="@home")
    return rec


@pytest.fixture
def formula_ledger(ledger: Ledger) -> Ledger:
    ledger.add(_formula_article())  # type: ignore[arg-type]
    return ledger


def test_export_hostile_csv_cells_are_never_formulas(formula_ledger: Ledger) -> None:
    out = io.StringIO()
    assert export(formula_ledger, "csv", out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    for row in rows:
        for name, value in row.items():
            assert not value.startswith(FORMULA_STARTS), (name, value)
    assert {r["headline"] for r in rows} == {"'" + FORMULA_CASE["title"]}
    assert {r["outlet"] for r in rows} == {"'@Wire"}
    assert {r["object"] for r in rows} == {"'+fuel taxes", "'\rtaxes"}
    assert {r["location"] for r in rows} == {"'\tcapital", "'@home"}
    assert {r["source_uri"] for r in rows} == {"'=cmd|' /C calc'!A0"}


def test_export_hostile_other_formats_keep_the_values(
    formula_ledger: Ledger, tmp_path: Path
) -> None:
    out = io.StringIO()
    export(formula_ledger, "jsonl", out)
    record = json.loads(out.getvalue().splitlines()[0])
    assert record["headline"] == FORMULA_CASE["title"]
    path = tmp_path / "events.parquet"
    export(formula_ledger, "parquet", str(path))
    table = pq.read_table(path).to_pylist()
    assert {r["headline"] for r in table} == {FORMULA_CASE["title"]}


def test_export_hostile_spreadsheet_safe_rule() -> None:
    for start in FORMULA_STARTS:
        assert spreadsheet_safe(f"{start}1+1") == f"'{start}1+1"
    assert spreadsheet_safe("Kim said") == "Kim said"
    assert spreadsheet_safe("") == ""
    assert spreadsheet_safe(-5) == -5 and spreadsheet_safe(None) is None
