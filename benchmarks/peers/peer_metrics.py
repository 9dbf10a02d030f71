#!/usr/bin/python3
"""One metric on one graph with python-igraph or NetworkX, in this (fresh) process.

The peer of benchmarks/src/metrics-child.ts, started by benchmarks/src/metrics-bench.ts with
Debian's /usr/bin/python3 (python3-igraph 0.10.2, python3-networkx 2.8.8) and
OMP_NUM_THREADS=1. Prints one JSON line: load / build / metric times in ms, peak RSS, a
summary of the result; with --dump FILE it also writes the result vectors (keyed by node id)
for the runner's cross-checks.

    /usr/bin/python3 benchmarks/peers/peer_metrics.py --tool igraph \
        --graph edges:benchmarks/out/edges-10000-100000-s42.csv --metric pagerank

Graphs: `edges:FILE` (a `source,target,weight` CSV; nodes are the endpoints in order of first
appearance, as chainlens' loadEdgeList) or `dataset:DIR[:TYPE]` (a chainlens dataset folder:
every company of companies.csv is a node; the relations of relations.csv, of TYPE if given).

The graph is built as the chainlens metric snapshot defines it (DESIGN §2): the simple
directed graph (parallel arcs merged, weights summed, self-loops kept) and, where a metric
needs it, the undirected projection (opposite and parallel arcs merged, weights summed,
self-loops dropped), built outside the metric's timer and reported as `projectMs`.

--sources FILE: the node ids chainlens chose (sampled betweenness: its sources; closeness on a
large graph: its sampled nodes), so that every tool does the same work. --limit N: time only
the first N of them (or N seeded random nodes / sources without --sources) and report
`sampled` / `of` for the runner to extrapolate. --repeat: after the cold call, repeat the
metric (at least 3 times and 0.5 s, when the cold call took under 1.5 s) and report the median
as `warmMs`; the peak RSS is taken after the cold call.
"""
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

warnings.simplefilter("ignore")  # NetworkX 2.8 FutureWarnings, igraph's weighted-digraph notes

PR_TOL_L1 = 1e-10  # PageRank: stop when the L1 change is below this (PRPACK's own tolerance)
REPEAT_BELOW_MS = 1500  # --repeat: only metrics whose cold call is faster than this


def now_ms():
    return time.perf_counter() * 1000.0


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB


def read_graph(spec):
    """Returns (ids, sources, targets, weights): node ids in node order and the arcs."""
    kind, _, rest = spec.partition(":")
    ids, index, src, dst, w = [], {}, [], [], []

    def node(x):
        i = index.get(x)
        if i is None:
            i = index[x] = len(ids)
            ids.append(x)
        return i

    if kind == "edges":
        with open(rest, newline="", encoding="utf-8") as f:
            rows = csv.reader(f)
            header = next(rows)
            wi = header.index("weight") if "weight" in header else -1
            for r in rows:
                src.append(node(r[0]))
                dst.append(node(r[1]))
                w.append(float(r[wi]) if wi >= 0 and r[wi] != "" else 1.0)
    elif kind == "dataset":
        folder, _, rtype = rest.partition(":")
        with open(os.path.join(folder, "companies.csv"), newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                node(r["id"])
        with open(os.path.join(folder, "relations.csv"), newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if rtype and r.get("type", "") != rtype:
                    continue
                src.append(index[r["source"]])
                dst.append(index[r["target"]])
                x = r.get("weight", "")
                w.append(float(x) if x not in (None, "") else 1.0)
    else:
        raise SystemExit(f"unknown graph spec {spec!r}")
    return ids, src, dst, w


def merged_arcs(n, src, dst, w):
    """The simple directed graph: {(s, t): [weight sum, arc count]} in first-seen order."""
    arcs = {}
    for s, t, x in zip(src, dst, w):
        a = arcs.get((s, t))
        if a is None:
            arcs[(s, t)] = [x, 1]
        else:
            a[0] += x
            a[1] += 1
    return arcs


def norm1(xs):
    s = sum(xs)
    return [x / s for x in xs] if s else list(xs)


# --------------------------------------------------------------------------------------------
# igraph


class IGraphPeer:
    def __init__(self, n, src, dst, w, need):
        import igraph as ig

        self.ig = ig
        self.n = n
        self.timings = {}
        t = now_ms()
        g = ig.Graph(n=n, edges=list(zip(src, dst)), directed=True, edge_attrs={"weight": w})
        if "multi" in need:
            self.multi = g.copy()  # the multigraph, for bridges (parallel edges are no bridge)
        g.simplify(multiple=True, loops=False, combine_edges={"weight": "sum"})
        self.g = g
        self.timings["buildMs"] = now_ms() - t
        if "reverse" in need:
            t = now_ms()
            self.rev = ig.Graph(
                n=n,
                edges=[(b, a) for a, b in g.get_edgelist()],
                directed=True,
                edge_attrs={"weight": g.es["weight"]},
            )
            self.timings["reverseMs"] = now_ms() - t
        if "undirected" in need:
            t = now_ms()
            self.gu = self.project()
            self.timings["projectMs"] = now_ms() - t

    def project(self):
        gu = self.g.as_undirected(mode="collapse", combine_edges={"weight": "sum"})
        gu.simplify(multiple=False, loops=True)
        return gu

    def run(self, metric, opts):
        g = self.g
        n = self.n
        if metric == "load":
            return {}, {}
        if metric == "degree":
            r = {
                "in": g.degree(mode="in"),
                "out": g.degree(mode="out"),
                "strength_in": g.strength(mode="in", weights="weight"),
                "strength_out": g.strength(mode="out", weights="weight"),
            }
            return r, {}
        if metric in ("pagerank", "pagerank_reverse"):
            h = g if metric == "pagerank" else self.rev
            x = h.pagerank(damping=0.85, weights="weight", implementation="prpack", directed=True)
            return {"scores": x}, {}
        if metric == "hits":
            hubs = g.hub_score(weights="weight", scale=False)
            auth = g.authority_score(weights="weight", scale=False)
            return {"hubs": norm1(hubs), "authorities": norm1(auth)}, {}
        if metric == "eigenvector":
            x = g.eigenvector_centrality(directed=True, weights="weight", scale=False)
            s = sum(v * v for v in x) ** 0.5
            return {"scores": [v / s for v in x]}, {}
        if metric == "closeness":
            # igraph's closeness is the plain Freeman value over the nodes that reach u; the
            # Wasserman–Faust factor needs r, which igraph does not give: only harmonic is
            # cross-checked.
            nodes = sample_nodes(n, opts)
            if nodes is not None:
                g.closeness(vertices=nodes, mode="in", normalized=True)
                hm = g.harmonic_centrality(vertices=nodes, mode="in", normalized=False)
                return {"sampled_harmonic": hm}, {"sampled": len(nodes), "of": n, "nodes": nodes}
            c = g.closeness(mode="in", normalized=True)
            hm = g.harmonic_centrality(mode="in", normalized=False)
            return {"harmonic": hm, "closeness_freeman": [0.0 if v != v else v for v in c]}, {}
        if metric == "kcore":
            return {"core": self.gu.coreness(mode="all")}, {}
        if metric == "wcc":
            cl = g.connected_components(mode="weak")
            return {}, {"count": len(cl), "sizes": sorted(cl.sizes(), reverse=True)[:5]}
        if metric == "scc":
            cl = g.connected_components(mode="strong")
            return {}, {"count": len(cl), "sizes": sorted(cl.sizes(), reverse=True)[:5]}
        if metric == "cutpoints":
            m = self.multi
            ap = m.articulation_points()
            br = m.bridges()
            pairs = sorted(tuple(sorted(m.es[e].tuple)) for e in br)
            return {}, {"articulation": sorted(ap), "bridges": pairs}
        if metric == "louvain":
            # Louvain "including the projection": the projection is timed here too.
            t = now_ms()
            gu = self.project()
            proj = now_ms() - t
            random.seed(opts.seed)  # igraph draws from Python's `random` module
            cl = gu.community_multilevel(weights="weight", return_levels=False)
            q = gu.modularity(cl.membership, weights="weight")
            return {"community": cl.membership}, {
                "modularity": q,
                "count": len(cl),
                "projectionMs": proj,
            }
        if metric == "betweenness":
            x = g.betweenness(directed=True)
            scale = 1.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
            return {"values": [v * scale for v in x]}, {}
        raise SystemExit(f"igraph: no metric {metric!r}")


# --------------------------------------------------------------------------------------------
# NetworkX


class NetworkXPeer:
    def __init__(self, n, src, dst, w, need):
        import networkx as nx

        self.nx = nx
        self.n = n
        self.timings = {}
        t = now_ms()
        G = nx.DiGraph()
        G.add_nodes_from(range(n))
        for (s, t_), (x, c) in merged_arcs(n, src, dst, w).items():
            G.add_edge(s, t_, weight=x, count=c)
        self.G = G
        self.timings["buildMs"] = now_ms() - t
        if "undirected" in need:
            t = now_ms()
            self.H = self.project()
            self.timings["projectMs"] = now_ms() - t

    def project(self):
        nx = self.nx
        H = nx.Graph()
        H.add_nodes_from(range(self.n))
        adj = H._adj
        for u, v, d in self.G.edges(data=True):
            if u == v:
                continue
            e = adj[u].get(v)
            if e is None:
                H.add_edge(u, v, weight=d["weight"], count=d["count"])
            else:
                e["weight"] += d["weight"]
                e["count"] += d["count"]
        return H

    def run(self, metric, opts):
        nx = self.nx
        G = self.G
        n = self.n
        vec = lambda d: [d[i] for i in range(n)]  # noqa: E731
        if metric == "load":
            return {}, {}
        if metric == "degree":
            r = {
                "in": vec(dict(G.in_degree())),
                "out": vec(dict(G.out_degree())),
                "strength_in": vec(dict(G.in_degree(weight="weight"))),
                "strength_out": vec(dict(G.out_degree(weight="weight"))),
            }
            return r, {}
        if metric in ("pagerank", "pagerank_reverse"):
            h = G if metric == "pagerank" else G.reverse(copy=False)
            x = nx.pagerank(h, alpha=0.85, tol=PR_TOL_L1 / n, max_iter=1000, weight="weight")
            return {"scores": vec(x)}, {}
        if metric == "hits":
            hubs, auth = nx.hits(G)
            return {"hubs": vec(hubs), "authorities": vec(auth)}, {}
        if metric == "eigenvector":
            # ARPACK through SciPy (the pure-Python power iteration `eigenvector_centrality`
            # needs ~1,000 sweeps of the 10k graph to converge tightly: minutes).
            try:
                x = nx.eigenvector_centrality_numpy(G, weight="weight", max_iter=10000)
            except Exception as e:  # ArpackNoConvergence
                return {}, {"converged": False, "error": type(e).__name__}
            return {"scores": vec(x)}, {"converged": True}
        if metric == "closeness":
            nodes = sample_nodes(n, opts)
            if nodes is None:
                c = nx.closeness_centrality(G)
                hm = nx.harmonic_centrality(G)
                return {"closeness": vec(c), "harmonic": vec(hm)}, {}
            # What closeness_centrality(G) does per node (its `u=` form would copy the reversed
            # graph on every call), then harmonic_centrality from the same sources (its cost;
            # the sampled nodes' harmonic values come from the first search).
            R = G.reverse(copy=False)
            cl, hm = [], []
            for u in nodes:
                sp = nx.single_source_shortest_path_length(R, u)
                total = sum(sp.values())
                c = 0.0
                if total > 0 and n > 1:
                    c = (len(sp) - 1.0) / total * ((len(sp) - 1.0) / (n - 1))
                cl.append(c)
                hm.append(sum(1.0 / d for d in sp.values() if d > 0))
            nx.harmonic_centrality(G, sources=nodes)
            vectors = {"sampled_closeness": cl, "sampled_harmonic": hm}
            return vectors, {"sampled": len(nodes), "of": n, "nodes": nodes}
        if metric == "kcore":
            return {"core": vec(nx.core_number(self.H))}, {}
        if metric == "wcc":
            cs = [len(c) for c in nx.weakly_connected_components(G)]
            return {}, {"count": len(cs), "sizes": sorted(cs, reverse=True)[:5]}
        if metric == "scc":
            cs = [len(c) for c in nx.strongly_connected_components(G)]
            return {}, {"count": len(cs), "sizes": sorted(cs, reverse=True)[:5]}
        if metric == "cutpoints":
            H = self.H
            ap = sorted(nx.articulation_points(H))
            # Bridges of the multigraph: an edge that merges two or more arcs is no bridge.
            br = sorted(
                (min(u, v), max(u, v)) for u, v in nx.bridges(H) if H[u][v]["count"] == 1
            )
            return {}, {"articulation": ap, "bridges": br}
        if metric == "louvain":
            t = now_ms()
            H = self.project()
            proj = now_ms() - t
            comms = nx.community.louvain_communities(H, weight="weight", seed=opts.seed)
            q = nx.community.modularity(H, comms, weight="weight")
            member = [0] * n
            for c, nodes in enumerate(comms):
                for v in nodes:
                    member[v] = c
            return {"community": member}, {
                "modularity": q,
                "count": len(comms),
                "projectionMs": proj,
            }
        if metric in ("betweenness", "betweenness_sampled"):
            return self.betweenness(metric, opts)
        raise SystemExit(f"networkx: no metric {metric!r}")

    def betweenness(self, metric, opts):
        """Brandes from given sources with NetworkX's own per-source routines (the ones that
        nx.betweenness_centrality runs), so the sources can be the ones chainlens drew."""
        from networkx.algorithms.centrality.betweenness import (
            _accumulate_basic,
            _single_source_shortest_path_basic,
        )

        G, n = self.G, self.n
        if metric == "betweenness":
            sources = list(range(n))
        else:
            with open(opts.sources, encoding="utf-8") as f:
                sources = json.load(f)
        k = len(sources)
        limited = opts.limit and opts.limit < k
        if limited:
            sources = sources[: opts.limit]
        b = dict.fromkeys(G, 0.0)
        for s in sources:
            S, P, sigma, _ = _single_source_shortest_path_basic(G, s)
            b, _ = _accumulate_basic(b, S, P, sigma, s)
        if limited:
            return {}, {"sampled": len(sources), "of": k}
        scale = 1.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
        if k != n:
            scale *= n / k
        return {"values": [b[i] * scale for i in range(n)]}, {}


def sample_nodes(n, opts):
    """The nodes to compute closeness for: chainlens' sample (--sources), cut to --limit;
    else a seeded sample of --limit nodes; None for all nodes."""
    if opts.sources:
        with open(opts.sources, encoding="utf-8") as f:
            nodes = json.load(f)
        return nodes[: opts.limit] if opts.limit else nodes
    if not opts.limit or opts.limit >= n:
        return None
    return sorted(random.Random(opts.seed).sample(range(n), opts.limit))


NEEDS = {
    "pagerank_reverse": {"igraph": {"reverse"}},
    "kcore": {"igraph": {"undirected"}, "networkx": {"undirected"}},
    "cutpoints": {"igraph": {"multi"}, "networkx": {"undirected"}},
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tool", choices=["igraph", "networkx"], required=True)
    ap.add_argument("--graph", required=True)
    ap.add_argument("--metric", required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sources", help="JSON list of source node ids (sampled betweenness)")
    ap.add_argument("--limit", type=int, default=0, help="time only this many sources/nodes")
    ap.add_argument("--dump", help="write the result vectors (JSON) here")
    ap.add_argument("--repeat", action="store_true", help="also time warm repeated calls")
    opts = ap.parse_args()

    t0 = now_ms()
    ids, src, dst, w = read_graph(opts.graph)
    load_ms = now_ms() - t0
    n = len(ids)
    need = NEEDS.get(opts.metric, {}).get(opts.tool, set())
    peer = (IGraphPeer if opts.tool == "igraph" else NetworkXPeer)(n, src, dst, w, need)
    del src, dst, w
    if opts.sources:
        # Source ids (as in the file) → this process's node indices.
        index = {x: i for i, x in enumerate(ids)}
        with open(opts.sources, encoding="utf-8") as f:
            chosen = [index[x] for x in json.load(f)]
        path = opts.sources + f".{os.getpid()}.idx.json"
        with open(path, "w", encoding="utf-8") as f:
            json.dump(chosen, f)
        opts.sources = path
    rss_loaded = peak_rss_bytes()

    t = now_ms()
    vectors, info = peer.run(opts.metric, opts)
    metric_ms = now_ms() - t
    sample = info.pop("nodes", None)
    rss_cold = peak_rss_bytes()
    warm = {}
    if opts.repeat and metric_ms < REPEAT_BELOW_MS and opts.metric != "load":
        times = []
        while len(times) < 3 or sum(times) < 500:
            t = now_ms()
            peer.run(opts.metric, opts)
            times.append(now_ms() - t)
        times.sort()
        mid = len(times) // 2
        median = times[mid] if len(times) % 2 else (times[mid - 1] + times[mid]) / 2
        warm = {"warmMs": median, "warmRuns": len(times)}
    if opts.sources and opts.sources.endswith(".idx.json"):
        os.remove(opts.sources)
    result = {
        "tool": opts.tool,
        "n": n,
        "loadMs": load_ms,
        **peer.timings,
        "metricMs": metric_ms,
        **warm,
        "peakRssLoaded": rss_loaded,
        "peakRss": rss_cold,
        "info": {k: v for k, v in info.items() if k not in ("articulation", "bridges")},
    }
    if "articulation" in info:
        result["info"]["articulationCount"] = len(info["articulation"])
        result["info"]["bridgeCount"] = len(info["bridges"])
    if opts.dump:
        full = dict(info)
        if "articulation" in full:
            full["articulation"] = [ids[v] for v in full["articulation"]]
            full["bridges"] = [[ids[a], ids[b]] for a, b in full["bridges"]]
        with open(opts.dump, "w", encoding="utf-8") as f:
            dump = {"ids": ids, "vectors": vectors, "info": full}
            if sample is not None:
                dump["sample"] = [ids[v] for v in sample]
            json.dump(dump, f)
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
