"""Import hook: `import pkg.fast` runs translated functions in WASM.

Thin by design: modules are loaded by `portalis.load`. The finder and its
activation arrive with the import-hook issue.
"""
