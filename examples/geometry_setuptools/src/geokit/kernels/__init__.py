"""Numeric kernels on plain ints and floats; every module here is marked for Portalis."""
