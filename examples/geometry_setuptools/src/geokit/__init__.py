"""geokit: planar lattice geometry, great-circle routes and numeric helpers.

The modules under `geokit.kernels` are marked in `[tool.portalis]` (by the
glob `geokit.kernels.*`): in a wheel built with Portalis their functions run
in WebAssembly (`geokit.kernels.planar.__portalis__` says so).
"""

from .shapes import LatticePolygon, route_length_km

__all__ = ["LatticePolygon", "route_length_km"]
__version__ = "0.1.0"
