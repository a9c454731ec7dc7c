"""textstats: readability scores and word-frequency statistics.

`textstats.readability` and `textstats.zipf` are marked in `[tool.portalis]`:
in a wheel built with Portalis their functions run in WebAssembly (check
`textstats.zipf.__portalis__`). `textstats.text` handles strings and stays
Python.
"""

from .text import counts, entropy, frequencies, report

__all__ = ["counts", "entropy", "frequencies", "report"]
__version__ = "0.1.0"
