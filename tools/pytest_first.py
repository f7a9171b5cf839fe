"""A pytest plugin loaded before every other (``-p pytest_first`` in pyproject.toml's addopts,
ahead of the plugins that installed packages register, nbval among them).

jsonschema, which nbformat imports, checks the "iri" string formats with ``rfc3987_syntax``
where that is installed (JupyterLab's server brings it in), and ``rfc3987_syntax`` builds an
Earley parser as it is imported: 2 s in every test process, every pytest worker and every
pytest a test starts. No schema the tests read uses those formats (nbformat's, the data
package's), and jsonschema checks formats only when asked to, so the tests go without it.
"""

import sys

sys.modules.setdefault("rfc3987_syntax", None)
