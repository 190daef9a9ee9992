"""The publication date from the best evidence, and the date a dateline speaks of."""

from __future__ import annotations

from datetime import date

from newsledger.extract.article.dateline import ParsedDateline, resolve_month_day
from newsledger.extract.article.residue import Residue
from newsledger.extract.article.year import infer_writing_year
from newsledger.records import PublishedBasis, RawArticle


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _publication(
    raw: RawArticle,
    reference_date: date | None,
    dateline: ParsedDateline | None,
    removed: list[Residue],
    headline: str | None,
    text: str,
    warnings: list[str],
) -> tuple[str | None, PublishedBasis | None, date | None]:
    """(published, basis, dateline date) from the best evidence, in the documented order."""
    metadata = _parse_iso(raw.published)
    if raw.published and metadata is None:
        warnings.append(f"ignored unreadable metadata date {raw.published!r}")
    marker_dates = sorted({r.date for r in removed if r.date is not None})
    marker = marker_dates[0] if len(marker_dates) == 1 else None
    if len(marker_dates) > 1:
        warnings.append(
            "page date markers disagree ("
            + ", ".join(d.isoformat() for d in marker_dates)
            + "); none used as the publication date"
        )

    has_day = dateline is not None and dateline.month is not None and dateline.day is not None
    dateline_date: date | None = None
    if has_day and dateline is not None and dateline.month and dateline.day:
        if dateline.year is not None:
            try:
                dateline_date = date(dateline.year, dateline.month, dateline.day)
            except ValueError:
                warnings.append(f"dateline date {dateline.text!r} is not a calendar date")
        else:
            anchor = metadata or reference_date or marker
            if anchor is not None:
                dateline_date = resolve_month_day(dateline.month, dateline.day, anchor)

    if metadata is not None:
        return metadata.isoformat(), "metadata", dateline_date
    if dateline_date is not None and dateline is not None and dateline.year is not None:
        return dateline_date.isoformat(), "dateline", dateline_date
    if reference_date is not None:
        if dateline_date is not None and dateline_date != reference_date and dateline is not None:
            # The dateline's day is the day the article speaks from ("on Tuesday" counts from
            # it); a reference date given from outside only told its year.
            warnings.append(
                f"publication date {dateline_date.isoformat()} from the dateline "
                f"{dateline.text!r}, not the reference date {reference_date.isoformat()}"
            )
            return dateline_date.isoformat(), "dateline", dateline_date
        return reference_date.isoformat(), "reference", dateline_date
    if marker is not None:
        warnings.append(f"publication date {marker.isoformat()} read from the page date marker")
        return marker.isoformat(), "inferred", dateline_date

    inference = infer_writing_year("\n".join(filter(None, [headline, text])))
    if has_day and dateline is not None and dateline.month and dateline.day:
        if inference is not None:
            try:
                dateline_date = date(inference.year, dateline.month, dateline.day)
            except ValueError:
                dateline_date = None
            if dateline_date is not None:
                warnings.append(
                    f"year {inference.year} of the dateline inferred from the text: "
                    + "; ".join(inference.evidence[:5])
                )
                return dateline_date.isoformat(), "inferred", dateline_date
        warnings.append(
            "no publication date: the dateline prints no year and nothing in the text dates it"
        )
        return None, None, None
    if inference is not None:
        warnings.append(
            f"no publication date: no dateline date; the text suggests it was written in {inference.year}"
        )
    else:
        warnings.append("no publication date: no metadata, reference date or dateline date")
    return None, None, None
