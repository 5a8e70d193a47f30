#!/usr/bin/env python3
"""Tag a corpus on Apache Spark with the geomention binary.

Each partition of the input is piped, as whole JSONL lines, through one

    geomention tag --jsonl - --format geojsonseq -q --threads N [options]

process on the worker that holds it (what RDD.pipe does; here the pipe
resolves the shipped binary and index with SparkFiles on the worker, reports
the process's standard error when it fails and accepts exit code 1, skipped
documents, as the CLI does). The features are written as GeoJSON text
sequence part files (RFC 8142, one feature per line): OUT/part-00000, ...

The binary and the gazetteer files reach the workers through Spark's file
distribution: spark-submit --files, or this script's own SparkContext.addFile
for a path that exists on the driver.

Inputs (local paths, hdfs://, s3a://, ...; files, folders, globs):
  *.jsonl, *.ndjson (also .gz/.bz2): one {"id", "text", ...} document per
      line. A document without an id (or with "id": null) gets
      "NAME:LINE", NAME being the file's name and LINE its 1-based line
      number, whatever the partitioning.
  anything else: a UTF-8 text file is one document whose id is the file's
      name (the path below the folder for a file found in a folder).
  In a folder (read recursively, entries starting with "." or "_" skipped)
  only .txt .text .md .markdown .jsonl .ndjson (and .jsonl.gz, ...) files
  are read; a file named or matched by a glob is always read.

usage:
  spark-submit --master yarn --files /path/to/geomention,world.gmi \\
      scripts/spark_tag.py --binary geomention --index world.gmi \\
      -o hdfs:///out/mentions hdfs:///corpus/*.jsonl [-- --prefer-country IQ]

  python3 scripts/spark_tag.py --master 'local[2]' \\
      --binary target/release/geomention -o out/ corpus.jsonl

Options after "--" go to `geomention tag` unchanged. Exit code: 0 every
document tagged; 1 some skipped (too large, or bad with --keep-going: see the
executors' standard error); 2 usage or fatal error.
"""

import argparse
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from urllib.parse import urlparse

JSONL_EXTENSIONS = (".jsonl", ".ndjson")
COMPRESSED = ("", ".gz", ".bz2", ".deflate", ".zst", ".lz4", ".snappy")
TEXT_EXTENSIONS = (".txt", ".text", ".md", ".markdown")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")

# `geomention tag` options this script sets itself, or that make no sense
# per partition, and the shipped-file options that have their own flag here.
RESERVED = {
    "-o": "the output is the -o folder of spark_tag.py",
    "--output": "the output is the -o folder of spark_tag.py",
    "--format": "the output is a GeoJSON text sequence",
    "--jsonl": "inputs are named to spark_tag.py",
    "--html": "web pages are not supported: extract their text first (geomention tag --emit-text)",
    "--glob": "name the files, folders or globs to spark_tag.py",
    "--emit-text": "not available on Spark",
    "--group-by": "grouping needs the whole corpus: aggregate the mention features instead",
    "--threads": "use spark_tag.py --threads",
    "-q": "always set",
    "--quiet": "always set",
    "--index": "use spark_tag.py --index (the file is shipped to the workers)",
    "--gazetteer": "use spark_tag.py --gazetteer (the file is shipped to the workers)",
    "--block-list": "use spark_tag.py --block-list (the file is shipped to the workers)",
    "--aliases": "use spark_tag.py --aliases (the file is shipped to the workers)",
}


def die(message, code=2):
    print(f"spark_tag.py: {message}", file=sys.stderr)
    sys.exit(code)


def parse_args(argv):
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1:]
    else:
        extra = []
    p = argparse.ArgumentParser(
        prog="spark_tag.py",
        description="Tag JSONL or text files on Spark with geomention; "
        "write GeoJSON text sequence part files.",
        epilog='Options after "--" are passed to `geomention tag`.',
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="files, folders or globs (any Hadoop file system)")
    p.add_argument("-o", "--output", required=True, metavar="DIR",
                   help="output folder (must not exist): part-NNNNN files")
    p.add_argument("--binary", default="geomention", metavar="PATH",
                   help="the geomention binary: a name shipped with --files, or a "
                   "path on the driver (shipped with addFile); default: "
                   "geomention from --files, else from PATH")
    for flag, what in (("--index", "a compiled index (.gmi)"),
                       ("--gazetteer", "a gazetteer file (CSV/TSV, GeoNames, .gmi)"),
                       ("--block-list", "a block list"),
                       ("--aliases", "an alias list")):
        p.add_argument(flag, action="append", default=[], metavar="FILE",
                       help=f"{what}, shipped to the workers like the binary "
                       "and given to geomention tag with the same flag (repeatable)")
    p.add_argument("--threads", type=int, default=None, metavar="N",
                   help="threads of each geomention process (default: spark.task.cpus)")
    p.add_argument("--min-partitions", type=int, default=None, metavar="N",
                   help="minimum number of splits of each JSONL file, and of the "
                   "text files together (Spark's minPartitions)")
    p.add_argument("--repartition", type=int, default=None, metavar="N",
                   help="shuffle the documents into N partitions before tagging")
    p.add_argument("--compress", choices=["gzip", "bzip2"], default=None,
                   help="compress the part files")
    p.add_argument("--master", default=None,
                   help="Spark master when run without spark-submit (e.g. local[2])")
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                   help="Spark setting when run without spark-submit (repeatable)")
    args = p.parse_args(argv)
    for a in extra:
        name = a.split("=", 1)[0]
        if name in RESERVED:
            p.error(f"`{a}` after --: {RESERVED[name]}")
    args.extra = extra
    if args.threads is not None and args.threads < 1:
        p.error("--threads must be at least 1")
    return args


# --- documents ---------------------------------------------------------------

def with_id(line, name, lineno, keep_going, skipped=None):
    """The JSONL line to pipe for line `lineno` (1-based) of file `name`:
    unchanged when it has an id, with "id": "NAME:LINE" first when the id is
    missing or null; None for a blank line, or for a bad one with
    `keep_going` (counted in the accumulator `skipped`)."""
    t = line.lstrip("\ufeff").strip()
    if not t:
        return None
    try:
        doc = json.loads(t)
        if not isinstance(doc, dict):
            raise ValueError("not a JSON object")
        if not isinstance(doc.get("text"), str):
            raise ValueError('"text" must be a string')
    except ValueError as e:
        message = f"{name}:{lineno}: {e}"
        if keep_going:
            print(f"geomention: skipped {message}", file=sys.stderr)
            if skipped is not None:
                skipped.add(1)
            return None
        raise ValueError(f"{message} (pass -- --keep-going to skip bad lines)") from None
    new_id = json.dumps(f"{name}:{lineno}")
    if "id" not in doc:
        # insert the id without re-encoding the rest of the line
        rest = t[1:].lstrip()
        return '{"id":' + new_id + ("," if rest != "}" else "") + rest
    if doc["id"] is None:
        del doc["id"]
        return json.dumps({"id": f"{name}:{lineno}", **doc}, ensure_ascii=True)
    return t


def text_document(item, ids):
    """(id, JSONL line) of a text file read by wholeTextFiles: (uri, text)."""
    uri, text = item
    doc_id = ids[urlparse(uri).path]
    return doc_id, json.dumps({"id": doc_id, "text": text}, ensure_ascii=True)


def kind_of(path):
    low = path.lower()
    for ext in JSONL_EXTENSIONS:
        if any(low.endswith(ext + c) for c in COMPRESSED):
            return "jsonl"
    if low.endswith(HTML_EXTENSIONS):
        return "html"
    return "text"


def list_inputs(spark, inputs):
    """[(uri, name, kind)] in a stable order: each input in the order given,
    a folder's files in byte order of their paths."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    Path = jvm.org.apache.hadoop.fs.Path
    out, seen = [], set()

    def add(uri, name, kind):
        if uri not in seen:
            seen.add(uri)
            out.append((uri, name, kind))

    for given in inputs:
        hp = Path(given)
        fs = hp.getFileSystem(conf)
        statuses = fs.globStatus(hp)
        if statuses is None or len(statuses) == 0:
            die(f"no such input: {given}")
        for st in sorted(statuses, key=lambda s: s.getPath().toString()):
            if not st.isDirectory():
                uri = st.getPath().toString()
                kind = kind_of(uri)
                if kind == "html":
                    die(f"{given}: web pages are not supported; extract their text "
                        "first with `geomention tag --emit-text DIR`")
                add(uri, posixpath.basename(st.getPath().toUri().getPath()), kind)
                continue
            root = st.getPath().toUri().getPath().rstrip("/") + "/"
            found = []
            it = fs.listFiles(st.getPath(), True)
            while it.hasNext():
                f = it.next().getPath()
                rel = f.toUri().getPath()[len(root):]
                if any(part.startswith((".", "_")) for part in rel.split("/")):
                    continue
                kind = kind_of(rel)
                if kind == "jsonl" or rel.lower().endswith(TEXT_EXTENSIONS):
                    found.append((f.toString(), rel, kind))
            for uri, rel, kind in sorted(found, key=lambda x: x[0].encode("utf-8")):
                add(uri, rel, kind)
    return out


# --- the pipe ------------------------------------------------------------------

SKIPPED_LINE = re.compile(r"^geomention: skipped -:(\d+): ", re.M)


def tag_partitions(argv_template, counters):
    """A mapPartitionsWithIndex function piping a partition's documents,
    (origin, JSONL line) pairs, through one geomention process and yielding
    its output lines. geomention's warnings name the line of its standard
    input ("-:N"); they are rewritten to name the origin ("FILE:LINE")."""
    docs_acc, features_acc, skipped_acc = counters

    def run(index, lines):
        from pyspark import SparkFiles

        argv = []
        for a in argv_template:
            if isinstance(a, tuple):  # ("shipped", name): resolve on the worker
                path = SparkFiles.get(a[1])
                if not os.path.isfile(path):
                    raise FileNotFoundError(f"{a[1]} was not shipped to this worker ({path})")
                argv.append(path)
            else:
                argv.append(a)
        exe = argv[0]
        if not os.access(exe, os.X_OK):
            try:
                os.chmod(exe, 0o755)
            except OSError:
                copy = os.path.join(tempfile.mkdtemp(prefix="geomention-"), "geomention")
                shutil.copy(exe, copy)
                os.chmod(copy, 0o755)
                argv[0] = copy

        err = tempfile.TemporaryFile()
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=err)
        feed_error = []
        origins = []

        def feed():
            try:
                for origin, line in lines:
                    proc.stdin.write(line.encode("utf-8") + b"\n")
                    origins.append(origin)
            except BrokenPipeError:
                pass  # the process stopped: its exit code and message say why
            except BaseException as e:  # noqa: BLE001 - re-raised in the task
                feed_error.append(e)
            finally:
                try:
                    proc.stdin.close()
                except OSError:
                    pass

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        features = 0
        try:
            for raw in iter(proc.stdout.readline, b""):
                features += 1
                yield raw.rstrip(b"\n").decode("utf-8")
            rc = proc.wait()
            feeder.join()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        err.seek(0)
        message = err.read().decode("utf-8", "replace")
        err.close()
        if feed_error:
            raise feed_error[0]
        if message:
            def origin(m):
                n = int(m.group(1))
                where = origins[n - 1] if 0 < n <= len(origins) else f"-:{n}"
                return f"geomention: skipped {where}: "
            sys.stderr.write(SKIPPED_LINE.sub(origin, message))
        if rc not in (0, 1):
            tail = "\n".join(message.strip().splitlines()[-10:])
            raise RuntimeError(
                f"geomention exited with code {rc} on partition {index}: {tail}")
        docs_acc.add(len(origins))
        features_acc.add(features)
        if rc == 1:
            skipped_acc.add(1)

    return run


def main(argv):
    args = parse_args(argv)
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        die("pyspark is not installed: pip install pyspark (or run with spark-submit)")
    builder = SparkSession.builder.appName("geomention-tag")
    if args.master:
        builder = builder.master(args.master)
    for kv in args.conf:
        key, eq, value = kv.partition("=")
        if not eq:
            die(f"--conf {kv}: expected KEY=VALUE")
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    t0 = time.time()

    # ship the binary and the gazetteer files, or find them in --files
    shipped = set()
    for f in filter(None, sc.getConf().get("spark.files", "").split(",")):
        shipped.add(posixpath.basename(f.split("#", 1)[0].rstrip("/")))

    def ship(path, what):
        name = posixpath.basename(path.rstrip("/"))
        if name in shipped:
            return name
        if "://" not in path and not os.path.isfile(path):
            found = shutil.which(path) if what == "binary" and "/" not in path else None
            if not found:
                die(f"{what} {path} not found: give a path on the driver, or ship it "
                    "with spark-submit --files")
            path = found
        sc.addFile(path if "://" in path else os.path.abspath(path))
        shipped.add(name)
        return name

    threads = args.threads or int(sc.getConf().get("spark.task.cpus", "1"))
    template = [("shipped", ship(args.binary, "binary")),
                "tag", "--jsonl", "-", "--format", "geojsonseq", "-q",
                "--threads", str(threads)]
    for flag, files in (("--index", args.index), ("--gazetteer", args.gazetteer),
                        ("--block-list", args.block_list), ("--aliases", args.aliases)):
        for f in files:
            template += [flag, ("shipped", ship(f, flag[2:]))]
    template += args.extra
    keep_going = "--keep-going" in args.extra or "--skip-bad-lines" in args.extra

    files = list_inputs(spark, args.inputs)
    seen = set()
    for _, name, _ in files:
        if name in seen:
            print(f"spark_tag.py: warning: two inputs are named {name}: their "
                  "documents without an id would share ids", file=sys.stderr)
        seen.add(name)
    counters = (sc.accumulator(0), sc.accumulator(0), sc.accumulator(0))
    skipped_acc = counters[2]
    parts = []
    for uri, name, kind in files:
        if kind != "jsonl":
            continue
        rdd = sc.textFile(uri, args.min_partitions) if args.min_partitions else sc.textFile(uri)
        # textFile keeps blank lines: index + 1 is the line number in the file
        parts.append(rdd.zipWithIndex()
                     .map(lambda x, name=name: (f"{name}:{x[1] + 1}", with_id(
                         x[0], name, x[1] + 1, keep_going, skipped_acc)))
                     .filter(lambda doc: doc[1] is not None))
    texts = [(uri, name) for uri, name, kind in files if kind == "text"]
    if texts:
        if any("," in uri for uri, _ in texts):
            die("a text file's path contains a comma: Spark cannot read it in a list")
        # wholeTextFiles spells the paths its own way ("file:/x" for
        # "file:///x"): match the files by the path part of their URI
        ids = {urlparse(uri).path: name for uri, name in texts}
        rdd = (sc.wholeTextFiles(",".join(uri for uri, _ in texts), args.min_partitions)
               if args.min_partitions else sc.wholeTextFiles(",".join(u for u, _ in texts)))
        parts.append(rdd.map(lambda item, ids=ids: text_document(item, ids)))
    if not parts:
        die("no input file to read")
    docs = parts[0] if len(parts) == 1 else sc.union(parts)
    if args.repartition:
        docs = docs.repartition(args.repartition)

    out = docs.mapPartitionsWithIndex(tag_partitions(template, counters))
    codec = {"gzip": "org.apache.hadoop.io.compress.GzipCodec",
             "bzip2": "org.apache.hadoop.io.compress.BZip2Codec"}.get(args.compress)
    out.saveAsTextFile(args.output, compressionCodecClass=codec)
    n_docs, n_features, skipped = (c.value for c in counters)
    print(f"spark_tag.py: {n_docs} documents, {n_features} features, "
          f"{out.getNumPartitions()} partitions, {time.time() - t0:.1f} s -> {args.output}",
          file=sys.stderr)
    spark.stop()
    if skipped:
        print("spark_tag.py: some documents were skipped (too large, or bad with "
              "--keep-going): see the warnings on the executors' standard error",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
