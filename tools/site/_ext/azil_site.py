"""Sphinx extension for the collection's site: Hebrew right-to-left, and math without MathJax.

Hebrew in an English page:

- a block of text (paragraph, heading, caption, block quote) that is mostly Hebrew (at least
  as many Hebrew letters as Latin ones) gets the class ``rtl`` (CSS: ``direction: rtl``), so a
  Hebrew quotation reads from the right and its punctuation lands where a Hebrew reader
  expects it; a mostly English block stays left-to-right;
- every run of Hebrew inside a text becomes ``<span class="he">`` (CSS: an isolated
  right-to-left run), so a Hebrew quote inside an English sentence keeps its word order and
  does not pull the quotation marks, page numbers or English around it out of place.

Code, literal blocks and raw HTML are left alone. azil.css also sets
``unicode-bidi: plaintext`` on table cells and other blocks, which covers HTML that Sphinx does
not parse (pandas tables in cell outputs).

Math: a renderer named ``plain`` shows TeX as its source text, since MathJax would have to be
fetched from a CDN.
"""

from __future__ import annotations

from html import escape

from docutils import nodes

from helpers.hebrew import RUN, mostly_hebrew

SKIP = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.math, nodes.math_block,
        nodes.comment, nodes.substitution_definition, nodes.target)
BLOCKS = (nodes.paragraph, nodes.title, nodes.caption, nodes.term, nodes.line, nodes.rubric,
          nodes.block_quote)


def _inside(node: nodes.Node, kinds) -> bool:
    while node is not None:
        if isinstance(node, kinds):
            return True
        node = node.parent
    return False


def mark_hebrew(app, doctree: nodes.document, docname: str) -> None:
    """Mark right-to-left blocks and wrap Hebrew runs (event ``doctree-resolved``)."""
    for block in list(doctree.findall(lambda n: isinstance(n, BLOCKS))):
        if not _inside(block, SKIP) and mostly_hebrew(block.astext()):
            block["classes"].append("rtl")
    for parent in list(doctree.findall(nodes.TextElement)):  # "a\n" + "b" -> "a\nb": a run
        for i in range(len(parent.children) - 1, 0, -1):     # across a line break stays whole
            a, b = parent.children[i - 1], parent.children[i]
            if isinstance(a, nodes.Text) and isinstance(b, nodes.Text):
                parent.children[i - 1] = nodes.Text(str(a) + str(b))
                parent.children[i - 1].parent = parent
                del parent.children[i]
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or _inside(parent, SKIP) or not RUN.search(str(text)):
            continue
        pieces, pos, s = [], 0, str(text)
        for m in RUN.finditer(s):
            if m.start() > pos:
                pieces.append(nodes.Text(s[pos:m.start()]))
            pieces.append(nodes.inline(m[0], m[0], classes=["he"]))
            pos = m.end()
        if pos < len(s):
            pieces.append(nodes.Text(s[pos:]))
        parent.replace(text, pieces)


def _visit_inline_math(self, node):
    self.body.append(f'<span class="math notranslate">{escape(node.astext())}</span>')
    raise nodes.SkipNode


def _visit_block_math(self, node):
    self.body.append(f'<pre class="math notranslate">{escape(node.astext())}</pre>\n')
    raise nodes.SkipNode


def setup(app):
    app.add_html_math_renderer("plain", (_visit_inline_math, None), (_visit_block_math, None))
    app.connect("doctree-resolved", mark_hebrew)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
