"""Find assets that a built page would fetch from the network (used by the site and slide
builds and their tests): scripts, style sheets, images, fonts, frames and CSS imports with an
http(s) or protocol-relative URL. Plain links (<a href>) are not assets."""

from __future__ import annotations

import re
from pathlib import Path

ASSET_HTML = re.compile(
    r"<(?:script|img|link|iframe|source|video|audio|embed|object)\b[^>]*?"
    r"\b(?:src|href|srcset|data)\s*=\s*[\"']\s*((?:https?:)?//[^\"'\s]+)", re.I)
ASSET_CSS = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"'])\s*((?:https?:)?//[^\"')\s]+)", re.I)
ASSET_JS_IMPORT = re.compile(r"\bimport\b[^;'\"]*[\"']((?:https?:)?//[^\"']+)[\"']")


def html_assets(text: str) -> list[str]:
    """Network URLs that an HTML text loads: tags, inline <style> and inline module imports."""
    found = ASSET_HTML.findall(text)
    for style in re.findall(r"<style[^>]*>(.*?)</style>", text, re.S | re.I):
        found += ASSET_CSS.findall(style)
    for script in re.findall(r"<script[^>]*>(.*?)</script>", text, re.S | re.I):
        found += ASSET_JS_IMPORT.findall(script)
    return found


def external_assets(folder: Path) -> list[tuple[str, str]]:
    """(file, URL) for every network asset referenced by the .html and .css files in folder."""
    found = []
    for f in sorted(folder.rglob("*")):
        if f.suffix not in (".html", ".css") or ".doctrees" in f.parts:
            continue
        text = f.read_text(encoding="utf-8", errors="replace")
        urls = html_assets(text) if f.suffix == ".html" else ASSET_CSS.findall(text)
        found += [(str(f.relative_to(folder)), url) for url in urls]
    return found
