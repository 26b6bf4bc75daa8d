#!/usr/bin/env python3
"""Generates python_hashes.json: training_config_hash as a Python pipeline computes it, for PipelineHashTest.

Run once, by hand, and commit the output next to this script; never in the build:
    python3 make_python_hashes.py > python_hashes.json

Two recipes (docs/schema.md, "Canonical JSON"): the rfc8785 package, which is RFC 8785 and always matches the
registry, and plain json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False), which matches only for some
values. "accepted" says whether the registry must accept the hash; it is the RFC 8785 bytes from golden.json's
generator (npm canonicalize) compared with what the recipe wrote. Cases for rfc8785 are written only when the package
is installed (pip install rfc8785).
"""
import hashlib
import json
import sys

CONFIGS = [
    ("learning rate 1e-4", {"learning_rate": 0.0001}, True),
    ("typical config", {"learning_rate": 0.05, "max_depth": 6, "features": ["ret_1d", "vol_20d"], "desk": "Zürich",
                        "schedule": {"warmup": 0.1, "decay": 0.999}, "seed": 42, "early_stop": True, "note": None}, True),
    ("0.1 + 0.2", {"x": 0.1 + 0.2}, True),
    ("1e21", {"x": 1e21}, True),
    ("1e-7", {"learning_rate": 1e-7}, False),
    ("1e-5", {"learning_rate": 0.00001}, False),
    ("float that is an integer", {"x": 1.0}, False),
    ("minus zero", {"x": -0.0}, False),
    ("1e16", {"x": 1e16}, False),
    ("keys outside the BMP", {"\ufb33": 1, "\U0001F600": 2}, False),
]


def dumps(config):
    return json.dumps(config, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def main():
    try:
        import rfc8785
    except ImportError:
        rfc8785 = None
        print("rfc8785 is not installed: writing the json.dumps cases only", file=sys.stderr)
    cases = []
    for name, config, same in CONFIGS:
        text = dumps(config)
        cases.append({"name": name, "recipe": "json.dumps", "config": text, "canonical": text,
                      "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "accepted": same})
        if rfc8785 is not None:
            canonical = rfc8785.dumps(config)
            cases.append({"name": name, "recipe": "rfc8785", "config": text, "canonical": canonical.decode("utf-8"),
                          "sha256": hashlib.sha256(canonical).hexdigest(), "accepted": True})
    json.dump(cases, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
