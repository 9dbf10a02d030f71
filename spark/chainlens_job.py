"""Chainlens global metrics on Apache Spark (docs/spark.md).

Reads a Chainlens bundle (``chainlens export DATASET --to bundle --out DIR``: nodes.parquet,
edges.parquet, job.json) and writes ``results/<algorithm>.parquet`` (id, value) and
``results/manifest.json``. Run it with spark-submit::

    spark-submit --master local[2] spark/chainlens_job.py BUNDLE_DIR [--out RESULTS_DIR]

Every algorithm is vertex-centric message passing written as Spark DataFrame joins and
aggregations (the aggregateMessages pattern of GraphFrames and GraphX's Pregel: send along the
edges, aggregate at the receiving vertex, join back onto the vertices), with the lineage cut
after each superstep. Definitions are Chainlens's own (packages/core/src/metrics), so the columns
equal those of ``chainlens metrics``:

- pagerank, pagerank_reverse: weighted PageRank by power iteration (pagerank.ts): x <-
  alpha * (x^T P + D * u) + (1 - alpha) * u with P the row-stochastic matrix of the weights,
  D the mass on dangling nodes (out-strength 0) spread uniformly (u = 1/n), start 1/n; self-loops
  followed; stops when the L1 change is below n * tol or after max_iter iterations. Reverse
  PageRank is the same on the transposed edges.
- components: weakly connected components by min-label propagation on the undirected view;
  the value is the smallest node id of the component (Chainlens numbers components in that order).
- core: core number of the undirected view without self-loops (kcore.ts), by the distributed
  h-index iteration of Montresor, De Pellegrini and Miorandi 2013 ("Distributed k-core
  decomposition", IEEE TPDS 24(2)): start at the degree, replace each estimate by the h-index of the
  neighbours' estimates until nothing changes; the fixed point is the core number.
- label_propagation: the global community method. Synchronous label propagation (Raghavan,
  Albert and Kumara 2007) on the undirected view with summed weights: each node takes the label of
  largest total weight among its neighbours; ties go to the smallest xxhash64(label, seed), then the
  smallest label, so the same input and seed give the same labels. Louvain stays per region, in
  Chainlens.

Progress goes to stdout as lines ``chainlens-progress {json}`` that ``chainlens spark`` reads.
"""

import argparse
import json
import os
import sys
import time

from pyspark.sql import SparkSession, functions as F

PROGRESS = "chainlens-progress"


def progress(event, **fields):
    print(PROGRESS + " " + json.dumps({"event": event, **fields}), flush=True)


def join(folder, name):
    """A path inside a folder, for local paths and URLs (hdfs://, s3a://) alike."""
    return folder.rstrip("/") + "/" + name


def write_text(sc, path, text):
    """Writes a small text file through Hadoop's file system API (local, HDFS, S3, ...)."""
    jvm = sc._jvm
    target = jvm.org.apache.hadoop.fs.Path(path)
    stream = target.getFileSystem(sc._jsc.hadoopConfiguration()).create(target, True)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()


def cut(df):
    """Materialises a DataFrame and cuts its lineage."""
    return df.localCheckpoint(eager=True)


# Supersteps between two lineage cuts; in between a superstep's result is cached and
# materialised by the action that reads its change. Every superstep: a longer lineage makes each
# plan longer to analyse and print (measured: 20k to 40k characters of plan after two cached
# supersteps), which cost more than the checkpoint.
CUT_EVERY = 1


def superstep(df, iteration):
    """The vertex state of one superstep, cached, its lineage cut every CUT_EVERY supersteps."""
    return cut(df) if iteration % CUT_EVERY == 0 else df.persist()


def pagerank(spark, nodes, edges, n, alpha, tol, max_iter, name):
    """Weighted PageRank with uniform teleport and dangling distribution (see the module notes)."""
    strength = edges.groupBy("src").agg(F.sum("weight").alias("strength"))
    # Coefficient of each edge: weight / out-strength of its source (the row of P).
    coeff = cut(
        edges.join(strength, "src")
        .where(F.col("strength") != 0)
        .select("src", "dst", (F.col("weight") / F.col("strength")).alias("c"))
    )
    x = cut(
        nodes.join(strength.where(F.col("strength") != 0), nodes.id == strength.src, "left")
        .select(
            nodes.id,
            F.col("strength").isNull().alias("dangling"),
            F.lit(1.0 / n).alias("x"),
        )
    )
    dangling_mass = x.where("dangling").count() / n
    iterations = 0
    error = float("inf")
    converged = False
    started = time.time()
    while iterations < max_iter:
        iterations += 1
        # aggregateMessages: each edge sends x[src] * c to dst; the messages are summed at dst.
        msgs = (
            coeff.join(x.select(F.col("id").alias("src"), "x"), "src")
            .groupBy("dst")
            .agg(F.sum(F.col("x") * F.col("c")).alias("s"))
        )
        base = alpha * dangling_mass / n + (1 - alpha) / n
        nxt = superstep(
            x.join(msgs, x.id == msgs.dst, "left").select(
                x.id,
                x.dangling,
                x.x.alias("old"),
                (F.lit(alpha) * F.coalesce(F.col("s"), F.lit(0.0)) + F.lit(base)).alias("x"),
            ),
            iterations,
        )
        row = nxt.agg(
            F.sum(F.abs(F.col("x") - F.col("old"))).alias("err"),
            F.sum(F.when(F.col("dangling"), F.col("x")).otherwise(0.0)).alias("dm"),
        ).first()
        error = float(row["err"])
        dangling_mass = float(row["dm"] or 0.0)
        x.unpersist()
        x = nxt.select("id", "dangling", "x")
        progress("iteration", algorithm=name, iteration=iterations, change=error, max=max_iter)
        if error < n * tol:
            converged = True
            break
    return x.select("id", F.col("x").alias("value")), {
        "iterations": iterations,
        "finalChange": error,
        "converged": converged,
        "seconds": round(time.time() - started, 3),
    }


def undirected(edges):
    """Distinct undirected edges {u, v} without self-loops, both directions, summed weights."""
    both = edges.where("src != dst").select(
        F.least("src", "dst").alias("a"), F.greatest("src", "dst").alias("b"), "weight"
    )
    pairs = both.groupBy("a", "b").agg(F.sum("weight").alias("weight"))
    return cut(
        pairs.select(F.col("a").alias("src"), F.col("b").alias("dst"), "weight").unionByName(
            pairs.select(F.col("b").alias("src"), F.col("a").alias("dst"), "weight")
        )
    )


def components(nodes, und, max_iter):
    """Weakly connected components: every node takes the smallest id it hears of."""
    label = cut(nodes.select("id", F.col("id").alias("label")))
    iterations = 0
    changed = None
    started = time.time()
    while iterations < max_iter:
        iterations += 1
        heard = (
            und.join(label.select(F.col("id").alias("src"), "label"), "src")
            .groupBy("dst")
            .agg(F.min("label").alias("heard"))
        )
        nxt = superstep(
            label.join(heard, label.id == heard.dst, "left").select(
                label.id,
                label.label.alias("old"),
                F.least(label.label, F.coalesce(F.col("heard"), label.label)).alias("label"),
            ),
            iterations,
        )
        changed = nxt.where("label != old").count()
        label.unpersist()
        label = nxt.select("id", "label")
        progress("iteration", algorithm="components", iteration=iterations, change=changed)
        if changed == 0:
            break
    if changed != 0:
        raise RuntimeError(f"components: still changing after {max_iter} iterations")
    return label.select("id", F.col("label").alias("value")), {
        "iterations": iterations,
        "finalChange": changed,
        "converged": True,
        "seconds": round(time.time() - started, 3),
    }


def core_numbers(nodes, und, max_iter):
    """Core numbers by the h-index iteration (see the module notes)."""
    degree = und.groupBy("src").agg(F.count("*").alias("deg"))
    est = cut(
        nodes.join(degree, nodes.id == degree.src, "left").select(
            nodes.id, F.coalesce(F.col("deg"), F.lit(0)).cast("int").alias("k")
        )
    )
    iterations = 0
    changed = None
    started = time.time()
    while iterations < max_iter:
        iterations += 1
        # h-index of the neighbours' estimates: the largest h with h estimates >= h.
        heard = (
            und.join(est.select(F.col("id").alias("src"), "k"), "src")
            .groupBy("dst")
            .agg(F.sort_array(F.collect_list("k"), asc=False).alias("ks"))
            .select(
                "dst",
                F.size(
                    F.filter(
                        F.sequence(F.lit(1), F.size("ks")), lambda i: F.element_at("ks", i) >= i
                    )
                ).alias("h"),
            )
        )
        nxt = superstep(
            est.join(heard, est.id == heard.dst, "left").select(
                est.id,
                est.k.alias("old"),
                F.least(est.k, F.coalesce(F.col("h"), F.lit(0))).alias("k"),
            ),
            iterations,
        )
        changed = nxt.where("k != old").count()
        est.unpersist()
        est = nxt.select("id", "k")
        progress("iteration", algorithm="core", iteration=iterations, change=changed)
        if changed == 0:
            break
    if changed != 0:
        raise RuntimeError(f"core: still changing after {max_iter} iterations")
    return est.select("id", F.col("k").cast("long").alias("value")), {
        "iterations": iterations,
        "finalChange": changed,
        "converged": True,
        "seconds": round(time.time() - started, 3),
    }


def label_propagation(nodes, und, seed, max_iter):
    """Seeded synchronous label propagation (see the module notes)."""
    label = cut(nodes.select("id", F.col("id").alias("label")))
    iterations = 0
    changed = None
    started = time.time()
    while iterations < max_iter:
        iterations += 1
        votes = (
            und.join(label.select(F.col("id").alias("src"), "label"), "src")
            .groupBy("dst", "label")
            .agg(F.sum("weight").alias("w"))
        )
        best = votes.groupBy("dst").agg(
            F.min(
                F.struct(
                    (-F.col("w")).alias("nw"),
                    F.xxhash64(F.col("label"), F.lit(seed)).alias("h"),
                    F.col("label").alias("label"),
                )
            ).alias("best")
        )
        nxt = superstep(
            label.join(best, label.id == best.dst, "left").select(
                label.id,
                label.label.alias("old"),
                F.coalesce(F.col("best.label"), label.label).alias("label"),
            ),
            iterations,
        )
        changed = nxt.where("label != old").count()
        label.unpersist()
        label = nxt.select("id", "label")
        progress("iteration", algorithm="label_propagation", iteration=iterations, change=changed)
        if changed == 0:
            break
    return label.select("id", F.col("label").alias("value")), {
        "iterations": iterations,
        "finalChange": changed,
        "converged": changed == 0,
        "seconds": round(time.time() - started, 3),
    }


def main(argv):
    parser = argparse.ArgumentParser(description="Chainlens global metrics on Spark")
    parser.add_argument("bundle", help="folder with nodes.parquet, edges.parquet, job.json")
    parser.add_argument("--out", help="results folder [BUNDLE/results]")
    args = parser.parse_args(argv)
    out = args.out or join(args.bundle, "results")

    started = time.time()
    spark = SparkSession.builder.appName("chainlens").getOrCreate()
    sc = spark.sparkContext
    # job.json through Spark's file systems: a local folder, HDFS, S3, ... alike.
    job = json.loads(
        "".join(r.value for r in spark.read.text(join(args.bundle, "job.json"), wholetext=True).collect())
    )
    sc.setLogLevel(os.environ.get("CHAINLENS_SPARK_LOG", "WARN"))
    # A superstep moves little data: Spark's 200 shuffle partitions would cost more in task
    # start-up than in work. Two per core unless the user set it (--conf spark.sql.shuffle.partitions).
    given = sc.getConf().toDebugString()
    if "spark.sql.shuffle.partitions" not in given:
        spark.conf.set("spark.sql.shuffle.partitions", str(max(2, 2 * sc.defaultParallelism)))
    # Iterative plans: adaptive re-planning of every small stage and the full text of every plan
    # for the UI cost the driver more than the supersteps themselves (measured: most of the
    # driver's time went into plan strings). Both can be set back with --conf.
    if "spark.sql.adaptive.enabled" not in given:
        spark.conf.set("spark.sql.adaptive.enabled", "false")
    if "spark.sql.maxPlanStringLength" not in given:
        spark.conf.set("spark.sql.maxPlanStringLength", "4096")
    progress("started", ui=sc.uiWebUrl, master=sc.master, spark=spark.version)
    nodes = cut(spark.read.parquet(join(args.bundle, "nodes.parquet")).select("id"))
    edges = cut(
        spark.read.parquet(join(args.bundle, "edges.parquet")).select(
            "src", "dst", F.col("weight").cast("double").alias("weight")
        )
    )
    n = nodes.count()
    m = edges.count()
    progress("loaded", nodes=n, edges=m)
    pr = job["pagerank"]
    algorithms = job["algorithms"]
    results = {}
    runs = {}
    if n > 0:
        if "pagerank" in algorithms:
            results["pagerank"], runs["pagerank"] = pagerank(
                spark, nodes, edges, n, pr["alpha"], pr["tol"], pr["maxIter"], "pagerank"
            )
        if "pagerank_reverse" in algorithms:
            reverse = edges.select(F.col("dst").alias("src"), F.col("src").alias("dst"), "weight")
            results["pagerank_reverse"], runs["pagerank_reverse"] = pagerank(
                spark, nodes, reverse, n, pr["alpha"], pr["tol"], pr["maxIter"], "pagerank_reverse"
            )
        und = undirected(edges)
        limit = int(job.get("maxSupersteps", 100000))
        if "components" in algorithms:
            results["components"], runs["components"] = components(nodes, und, limit)
        if "core" in algorithms:
            results["core"], runs["core"] = core_numbers(nodes, und, limit)
        if "label_propagation" in algorithms:
            lp = job["labelPropagation"]
            results["label_propagation"], runs["label_propagation"] = label_propagation(
                nodes, und, int(lp["seed"]), int(lp["maxIter"])
            )
    for name, df in results.items():
        t = time.time()
        df.write.mode("overwrite").parquet(join(out, name + ".parquet"))
        runs[name]["writeSeconds"] = round(time.time() - t, 3)
        progress("written", algorithm=name)
    jvm = sc._jvm
    manifest = {
        "format": "chainlens-spark-results",
        "version": 1,
        "dataset": job.get("dataset"),
        "nodes": n,
        "edges": m,
        "spark": spark.version,
        "pyspark": __import__("pyspark").__version__,
        "java": jvm.java.lang.System.getProperty("java.version"),
        "python": sys.version.split()[0],
        "master": sc.master,
        "defaultParallelism": sc.defaultParallelism,
        "parameters": {k: job[k] for k in ("pagerank", "labelPropagation", "relationView") if k in job},
        "algorithms": runs,
        "seconds": round(time.time() - started, 3),
    }
    write_text(sc, join(out, "manifest.json"), json.dumps(manifest, indent=2) + "\n")
    progress("done", seconds=manifest["seconds"])
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
