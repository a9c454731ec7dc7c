"""Module constants in build manifests, and the load-time check of their values.

A manifest is JSON, which has no tuples, and the loader compares each
constant a translated function reads with the module's live value. Scalars
are stored as themselves (as before); containers are tagged:
`{"tuple": [...]}`, `{"list": [...]}`, `{"dict": [[k, v], ...]}`,
`{"set": [...]}`, `{"frozenset": [...]}`.
"""

from __future__ import annotations

import math
from typing import Any


def encode_constant(value: Any) -> Any:
    if isinstance(value, tuple):
        return {"tuple": [encode_constant(v) for v in value]}
    if isinstance(value, list):
        return {"list": [encode_constant(v) for v in value]}
    if isinstance(value, dict):
        return {"dict": [[encode_constant(k), encode_constant(v)] for k, v in value.items()]}
    if isinstance(value, (set, frozenset)):
        tag = "set" if isinstance(value, set) else "frozenset"
        return {tag: sorted((encode_constant(v) for v in value), key=repr)}
    return value


def decode_constant(data: Any) -> Any:
    if isinstance(data, dict) and len(data) == 1:
        ((tag, items),) = data.items()
        if tag == "tuple":
            return tuple(decode_constant(v) for v in items)
        if tag == "list":
            return [decode_constant(v) for v in items]
        if tag == "dict":
            return {decode_constant(k): decode_constant(v) for k, v in items}
        if tag == "set":
            return {decode_constant(v) for v in items}
        if tag == "frozenset":
            return frozenset(decode_constant(v) for v in items)
    return data


def same_constant(live: Any, translated: Any) -> bool:
    """Whether the module's live value is exactly the translated one.

    Types are compared at every level (`1` is not `1.0` or `True`), floats
    bit for bit, dicts in order.
    """
    if type(live) is not type(translated):
        return False
    if isinstance(live, float):
        if math.isnan(live) or math.isnan(translated):
            return math.isnan(live) and math.isnan(translated)
        return live == translated and math.copysign(1.0, live) == math.copysign(1.0, translated)
    if isinstance(live, (list, tuple)):
        return len(live) == len(translated) and all(
            same_constant(a, b) for a, b in zip(live, translated)
        )
    if isinstance(live, (set, frozenset)):
        # Elements are ints, strs, bools or tuples of those: == is exact, but
        # True == 1, so compare the elements' types too.
        return live == translated and sorted(map(repr, live)) == sorted(map(repr, translated))
    if isinstance(live, dict):
        if len(live) != len(translated):
            return False
        return all(
            same_constant(ka, kb) and same_constant(va, vb)
            for (ka, va), (kb, vb) in zip(live.items(), translated.items())
        )
    return bool(live == translated)
