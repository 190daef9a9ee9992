"""PLOVER export: one record per event with type, mode, context and cite info mapped from ONTOLOGY.md."""

from __future__ import annotations

from newsledger.extract.plover import plover_fields, plover_records
from newsledger.records import ArticleRecord, Event, EventTime, Source, SourceRef

TEXT = "Pakistan test-fired a cruise missile on Tuesday. Army chief Munir ordered more drills."


def record(events: list[Event]) -> ArticleRecord:
    return ArticleRecord(
        id="abc123",
        source=Source(uri="/tmp/pk.txt", outlet="TNF"),
        headline="Pakistan tests missile",
        dateline=None,
        published="2025-12-27",
        published_basis="reference",
        text=TEXT,
        events=events,
    )


def test_plover_missile_test_is_mobilize_weapons_military():
    event = Event(
        id="v1",
        type="WEAPONS_TEST",
        trigger="test-fired",
        span=(9, 19),
        actor="Pakistan",
        object="cruise missile",
        time=EventTime("2025-12-23", "2025-12-23", "2025-12-23", "Tuesday"),
        sentence_span=(0, 48),
        sources=[SourceRef("ISPR")],
    )
    (row,) = plover_records(record([event]))
    assert (row["event"], row["mode"], row["context"]) == ("MOBILIZE", "weapons", "military")
    assert row["date"] == "2025-12-23" and row["date_basis"] == "event"
    assert row["actor"] == "Pakistan" and row["event_text"] == "test-fired"
    assert TEXT[row["offsets"]["start"] : row["offsets"]["end"]] == "test-fired"
    assert row["cite"] == {
        "article_id": "abc123",
        "uri": "/tmp/pk.txt",
        "outlet": "TNF",
        "headline": "Pakistan tests missile",
        "published": "2025-12-27",
    }
    assert row["sources"] == ["ISPR"] and row["id"] == "abc123-v1"


def test_plover_order_has_no_plover_type_but_is_exported():
    event = Event(id="v2", type="ORDER", trigger="ordered", span=(67, 74), actor="Munir")
    (row,) = plover_records(record([event]))
    assert row["event"] is None and row["newsledger_type"] == "ORDER"
    assert row["date"] == "2025-12-27" and row["date_basis"] == "published"


def test_plover_joint_exercise_is_cooperate():
    event = Event(
        id="v3", type="MILITARY_EXERCISE", trigger="exercises", span=(0, 1), plover="COOPERATE"
    )
    assert plover_fields(event)[0] == "COOPERATE"


def test_plover_alleged_accusation_mode_and_nuclear_context():
    accuse = Event(id="v4", type="ACCUSE", trigger="accused", span=(0, 1), modality="hypothetical")
    assert plover_fields(accuse)[:2] == ("ACCUSE", "allege")
    test = Event(
        id="v5", type="WEAPONS_TEST", trigger="tested", span=(0, 1), object="nuclear device"
    )
    assert plover_fields(test)[2] == "cbrn"


def test_plover_visit_is_consult_visit():
    talks = Event(id="v6", type="TALKS", trigger="visit", span=(0, 1))
    assert plover_fields(talks)[:2] == ("CONSULT", "visit")


def test_plover_no_events_no_records():
    assert plover_records(record([])) == []


def test_plover_cli_format_writes_one_json_line_per_event(tmp_path):
    import json

    from click.testing import CliRunner

    from newsledger.cli.extract_cmd import extract

    article = tmp_path / "pk.txt"
    article.write_text("Pakistan launched a cruise missile on Tuesday.\n", encoding="utf-8")
    result = CliRunner().invoke(
        extract, [str(article), "--format", "plover", "--reference-date", "2025-12-27"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert rows and rows[0]["event"] == "MOBILIZE" and rows[0]["newsledger_type"] == "WEAPONS_TEST"
    assert rows[0]["cite"]["uri"].endswith("pk.txt")
