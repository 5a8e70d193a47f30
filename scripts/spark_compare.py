#!/usr/bin/env python3
"""Compare two sets of GeoJSON text sequence features as multisets.

usage: spark_compare.py EXPECTED ACTUAL

EXPECTED and ACTUAL are files or folders (a folder: its part-* files, as
written by scripts/spark_tag.py). Every record (RS + JSON + LF) of one must be
in the other byte for byte, as many times: the order of the records does not
count (Spark writes the partitions in any order), their content does. Prints
the number of features compared and PASS or FAIL; exit code 0 when the
features are identical, 1 when they differ or there are none, 2 on bad input.
"""

import collections
import json
import os
import sys

RS = b"\x1e"


def record_files(path):
    if os.path.isdir(path):
        names = sorted(n for n in os.listdir(path) if n.startswith("part-"))
        return [os.path.join(path, n) for n in names]
    return [path]


def read_features(path):
    """Counter of raw records, and {record: (doc_id, start, end, feature id)}."""
    records = collections.Counter()
    keys = {}
    for f in record_files(path):
        with open(f, "rb") as fh:
            for n, line in enumerate(fh, 1):
                line = line.rstrip(b"\n")
                if not line:
                    continue
                if not line.startswith(RS):
                    raise ValueError(f"{f}:{n}: a record must start with RS (0x1E)")
                try:
                    feature = json.loads(line[1:])
                    p = feature["properties"]
                    key = (str(p["doc_id"]), p["start"], p["end"], str(feature.get("id")))
                except (ValueError, KeyError, TypeError) as e:
                    raise ValueError(f"{f}:{n}: not a geomention feature: {e}") from None
                records[line] += 1
                keys[line] = key
    return records, keys


def describe(record, keys):
    doc, start, end, fid = keys[record]
    p = json.loads(record[1:])["properties"]
    return f"{fid} doc {doc!r} [{start}, {end}) {p.get('mention')!r} -> {p.get('place_id')}"


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        expected, ekeys = read_features(argv[0])
        actual, akeys = read_features(argv[1])
    except (OSError, ValueError) as e:
        print(f"spark_compare.py: {e}", file=sys.stderr)
        return 2
    n_expected = sum(expected.values())
    n_actual = sum(actual.values())
    docs = {k[0] for k in ekeys.values()}
    missing = expected - actual
    extra = actual - expected
    print(f"compared {n_expected} expected features ({len(docs)} documents) "
          f"with {n_actual} actual features")
    if not missing and not extra and n_expected > 0:
        print("identical: every feature, byte for byte, as many times")
        print("PASS")
        return 0
    if n_expected == 0:
        print("no expected feature: nothing was compared")
    for label, diff, keys in (("missing from ACTUAL", missing, ekeys),
                              ("not in EXPECTED", extra, akeys)):
        if diff:
            n = sum(diff.values())
            print(f"{n} feature{'s' if n != 1 else ''} {label}, first ones by document and offsets:")
            for r in sorted(diff, key=lambda r: keys[r])[:5]:
                print("  " + describe(r, keys))
    print("FAIL")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
