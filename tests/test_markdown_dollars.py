"""A dollar sign in the notebooks' prose is a dollar sign, not maths.

JupyterLab reads ``$...$`` in markdown as inline maths, so "US$1.6 billion ... US$4 billion"
turns the text between the two signs into a formula. Every ``$`` in a markdown cell is
written ``\\$`` (outside code, where it is literal anyway); the site (MyST) and the slides
(nbconvert) print ``\\$`` as a plain "$", which the second test checks with their own
markdown renderers.
"""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

from conftest import NOTEBOOKS
from nbrun import ROOT

IDS = [p.stem for p in NOTEBOOKS]
CODE = re.compile(r"```.*?```|~~~.*?~~~|(`+).+?\1", re.S)
BARE = re.compile(r"(?<!\\)(?:\\\\)*\$")


def bare_dollars(markdown: str) -> list[str]:
    """Each unescaped ``$`` outside code, with the text around it."""
    prose = CODE.sub(lambda m: " " * len(m[0]), markdown)
    return [markdown[max(m.end() - 30, 0): m.end() + 20] for m in BARE.finditer(prose)]


def test_the_check_finds_an_unescaped_pair_and_passes_escaped_ones():
    assert len(bare_dollars("worth US$1.6 billion ... US$4 billion")) == 2
    assert bare_dollars(r"worth US\$1.6 billion ... US\$4 billion") == []
    assert bare_dollars("the cell `price = '$4'` and ```\n$x$\n```") == []
    assert len(bare_dollars(r"a backslash \\$x$")) == 2  # \\ is an escaped backslash


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_dollar_sign_in_markdown_is_left_unescaped(path):
    cells = nbformat.read(path, as_version=4).cells
    bad = [f"{c.id}: …{hit}…" for c in cells if c.cell_type == "markdown"
           for hit in bare_dollars(c.source)]
    assert not bad, "write \\$ for a dollar sign (a pair of $ is maths in JupyterLab):\n" + \
        "\n".join(bad)


def test_the_collection_writes_dollar_signs():
    escaped = sum(c.source.count(r"\$") for p in NOTEBOOKS
                  for c in nbformat.read(p, as_version=4).cells if c.cell_type == "markdown")
    assert escaped >= 2


def site_extensions() -> set[str]:
    """The MyST extensions the site enables (tools/site/conf.py). The test adds dollarmath,
    so that an escaped dollar stays a dollar even if the site turns maths on."""
    tree = ast.parse((ROOT / "tools" / "site" / "conf.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "myst_enable_extensions"
                                                for t in node.targets):
            return set(ast.literal_eval(node.value))
    return set()


def test_site_and_slides_print_an_escaped_dollar_as_a_dollar():
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    text = r"worth US\$1.6 billion and US\$4 billion"
    extensions = site_extensions()
    assert "deflist" in extensions  # the site's settings were read
    site = create_md_parser(MdParserConfig(enable_extensions=extensions | {"dollarmath"}),
                            RendererHTML).render(text)
    slides = markdown2html_mistune(text)
    for page in (site, slides):
        assert "US$1.6 billion and US$4 billion" in page and "\\" not in page
