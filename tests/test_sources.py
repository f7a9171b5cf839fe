import pytest

from helpers import sources


def test_cite_page_and_note():
    assert sources.cite(63, 9) == "Lindenstrauss 2015, p. 63, n. 9"
    assert sources.cite(62) == "Lindenstrauss 2015, p. 62"
    import pandas as pd

    assert sources.cite(62, None) == sources.cite(62, float("nan")) == sources.cite(62, "") == sources.cite(62, pd.NA)


def test_caption_joins_sources():
    assert sources.caption(sources.cite(65)) == "Source: Lindenstrauss 2015, p. 65."
    assert (sources.caption(sources.cite(67, 40), "BP 2021")
            == "Source: Lindenstrauss 2015, p. 67, n. 40; BP 2021.")
    assert sources.caption("GeoNames") == "Source: GeoNames."
    with pytest.raises(ValueError):
        sources.caption()


@pytest.mark.parametrize("page", [60, 70, 0])
def test_cite_rejects_pages_outside_the_article(page):
    with pytest.raises(ValueError, match=f"page {page} is outside the article"):
        sources.cite(page)


@pytest.mark.parametrize("note", [0, 45])
def test_cite_rejects_unknown_notes(note):
    with pytest.raises(ValueError, match="outside the article's notes"):
        sources.cite(63, note)


def test_fold_applies_the_reading_guide_rules():
    assert sources.fold("נגורנו־קרבאך") == "נגורנו-קרבאך"
    assert sources.fold("אזרבייג׳ן  \n\n אזרבייג’ן") == "אזרבייג'ן אזרבייג'ן"
    assert sources.fold("הרמטכ״ל") == 'הרמטכ"ל'


def test_find_quote_on_pages_and_across_a_break():
    pages = {62: "alpha beta", 63: "gamma delta"}
    assert sources.find_quote("beta", pages) == [62]
    assert sources.find_quote("beta gamma", pages) == [62]
    assert sources.find_quote("zeta", pages) == []


def test_article_pages_split_by_the_page_map(article_pages):
    assert sorted(article_pages) == list(range(61, 70))
    assert sources.find_quote("בשנת 1993 פתחה ישראל שגרירות בבאקו", article_pages) == [62]
    assert sources.find_quote("2025", article_pages) == [67]


def test_page_ref_refuses_fractions_and_reads_missing_notes():
    import pandas as pd

    assert sources.page_ref(63, 8.0) == "p. 63, n. 8"
    assert sources.page_ref(63, pd.NaT) == sources.page_ref(63, pd.NA) == "p. 63"
    with pytest.raises(ValueError, match="not a footnote number"):
        sources.page_ref(63, 9.7)
    with pytest.raises(ValueError, match="not a page number"):
        sources.page_ref(None)
