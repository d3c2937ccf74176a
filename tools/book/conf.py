"""Sphinx configuration of the HTML edition (``make html``; tools/make_html.py copies this folder
beside the prepared notebooks and builds it). Nothing is executed: the pages show the outputs
``make notebooks`` stored. Formulas become MathML at build time (dlnotes_book.py), so the pages
load no MathJax and make no request outside their folder."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

project = "dlnotes"
author = "the dlnotes authors"
html_title = "dlnotes"
root_doc = "index"
extensions = ["myst_nb", "dlnotes_book"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]

nb_execution_mode = "off"  # build from the stored outputs
nb_merge_streams = True
nb_code_prompt_show = "Show code"
nb_code_prompt_hide = "Hide code"
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 4
suppress_warnings = ["mystnb.unknown_mime_type"]

html_math_renderer = "mathml"
html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
html_css_files = ["dlnotes.css"]
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "use_source_button": False,
    "use_issues_button": False,
    "use_edit_page_button": False,
    "show_prev_next": True,
    "navigation_with_keys": False,
}
