"""Sphinx configuration of the collection's static site (used by tools/build_site.py).

tools/build_site.py copies this folder into build/site-src/ together with the notebooks and
an index page made from README.md, then runs Sphinx there; nothing here is edited by hand per
build. The site is made offline from the notebooks' stored outputs: myst-nb never executes a
notebook, and no page loads anything from the network (no launch or repository buttons, no
CDN scripts, no web fonts, no MathJax from a CDN).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Israel–Azerbaijan: Special Relations vs. Constraints"
html_title = "Israel–Azerbaijan: Special Relations vs. Constraints"
# The footer names the project (as CITATION.cff does) and the article's author.
author = "the Israel–Azerbaijan teaching collection"
copyright = ("2026, the Israel–Azerbaijan teaching collection; text CC BY 4.0, code MIT. "
             "The article: Gallia Lindenstrauss, Strategic Assessment 17:4 (INSS, January 2015)")
language = "en"
# tools/build_site.py --student (make book-student) builds with the tag "student"
if "student" in tags:  # noqa: F821 - Sphinx puts ``tags`` in this namespace
    html_title += " (student edition)"

extensions = ["myst_nb", "azil_site"]
exclude_patterns = ["_build", "_ext", "**.ipynb_checkpoints", "Thumbs.db", ".DS_Store"]
root_doc = "index"

# --- myst-nb: render the stored outputs, never run a notebook ---------------------------
nb_execution_mode = "off"
nb_ipywidgets_js = {}          # widget state would pull require.js and the widget manager from a CDN
nb_merge_streams = True        # one block per cell for stdout, as in JupyterLab
myst_heading_anchors = 3       # README links like [x](#start) resolve
myst_enable_extensions = ["colon_fence", "deflist"]

# --- the theme: sphinx-book-theme without anything that reaches the network ------------
html_theme = "sphinx_book_theme"
html_theme_options = {
    "repository_url": "",
    "use_repository_button": False,
    "use_issues_button": False,
    "use_edit_page_button": False,
    "use_source_button": False,
    "use_download_button": True,      # the stored .ipynb, served from the site itself
    "use_fullscreen_button": True,
    "launch_buttons": {},             # no Binder, Colab, JupyterHub or Thebe
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "show_navbar_depth": 1,
    "navbar_persistent": [],          # else pydata-sphinx-theme adds a second search bar on top
    "icon_links": [],
    "analytics": {},
}
html_context = {"default_mode": "light"}   # else the theme's script logs an error
html_favicon = "_static/favicon.svg"        # else the browser asks for /favicon.ico
html_static_path = ["_static"]
html_css_files = ["azil.css"]
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = True             # the download button offers the notebook itself
html_permalinks_icon = "#"
html_show_search_summary = False    # summaries fetch each page: blocked on file://, and may show a solution
smartquotes = False             # quotes are verbatim: keep every ' and " (geresh, gershayim) as typed

# Math: MathJax would come from a CDN. Notebook math is shown as its TeX source instead
# (azil_site registers the "plain" renderer); no page loads a math script.
html_math_renderer = "plain"

# Warnings that do not change what a reader sees: headings that skip a level in a notebook.
suppress_warnings = ["myst.header"]
