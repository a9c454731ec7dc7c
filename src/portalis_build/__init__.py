"""Build-backend integration (Hatch build hook, setuptools step).

Thin by design: the work happens in `portalis.build`. The hooks themselves
arrive with the build-integration issue.
"""
