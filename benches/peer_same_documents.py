#!/usr/bin/env python3
"""The Python peer (../shared/bench/python-peer/annual_peer.py), writing the
documents thidua writes.

The peer was written when a national year-end run wrote 456 documents, and
its README says it writes the same number as thidua. Since 41f28a1
(2026-11-30) thidua's national run also writes each province's council
documents (Hướng dẫn 3636/HD-BHXH, mục A.I.3: the provincial council reviews
its district clusters): ho-so/bhxh-tinh/NNN-<province>/01-bien-ban-hoi-dong.docx
and 02-to-trinh.docx, 126 more for 63 provinces. This runs the peer as it
is and adds those 126 the peer's own way: its templates, its `render`, in
the same `pool.map` call over its 2 worker processes. Each province's
minutes list its district clusters' votes, and its tờ trình
their proposals, from the contexts the peer already built.

    python3 benches/peer_same_documents.py INBOX --out OUT     (from the project root)

The peer itself is not changed; `benches/national.rs` times both.
"""
import os
import sys

PEER = os.environ.get("THIDUA_PEER_DIR") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench", "python-peer")
sys.path.insert(0, PEER)
import annual_peer as peer  # noqa: E402

real_get_context = peer.get_context


def province_jobs(jobs):
    """Two documents per province with district clusters, built from the
    jobs of its clusters' minutes and tờ trình."""
    by_name = {c["name"]: c for c in peer.CLUSTERS.values()}
    minutes, proposals = {}, {}
    ho_so = None
    for template, ctx, out in jobs:
        c = by_name.get(ctx.get("cum"))
        # A cluster's own minutes and tờ trình (not the achievement
        # reports, which name their unit's cluster too).
        if c is None or c["kind"] != "huyen" or os.path.basename(os.path.dirname(os.path.dirname(out))) != "khoi-cum":
            continue
        ho_so = os.path.dirname(os.path.dirname(os.path.dirname(out)))
        if template.endswith("a-bien-ban-hop.docx"):
            minutes.setdefault(c["province"], []).append(ctx)
        else:
            proposals.setdefault(c["province"], []).append(ctx)
    extra = []
    for i, pid in enumerate(sorted(minutes, key=lambda p: peer.slug(peer.UNITS[p]["name"])), 1):
        pname = peer.UNITS[pid]["name"]
        d = os.path.join(ho_so, "bhxh-tinh", f"{i:03d}-{peer.slug(pname)}")
        os.makedirs(d, exist_ok=True)
        first = minutes[pid][0]
        # The council's minutes go over its clusters' votes, not their
        # rankings (as thidua's do): the ranking table is left empty.
        rows = []
        phieu = [p for ctx in minutes[pid] for p in ctx["phieu"]]
        extra.append((os.path.join(peer.TEMPLATES, "a-bien-ban-hop.docx"),
                      {**first, "co_quan": f"HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG {pname.upper()}", "ky_hieu": "BB-HĐTĐKT",
                       "cum": f"Các Cụm thi đua cấp huyện ({pname})", "rows": rows, "phieu": phieu},
                      os.path.join(d, "01-bien-ban-hoi-dong.docx")))
        prop = [r for ctx in proposals.get(pid, []) for r in ctx["rows"]]
        extra.append((os.path.join(peer.TEMPLATES, "a-to-trinh.docx"),
                      {**first, "co_quan": pname.upper(), "ky_hieu": "TTr-HĐTĐKT", "cum": pname,
                       "rows": [dict(r, stt=j) for j, r in enumerate(prop, 1)],
                       "mo_dau": f"{pname} đề nghị khen thưởng tổng kết năm {first['nam_xet']} cho các đơn vị của các Cụm thi đua cấp huyện."},
                      os.path.join(d, "02-to-trinh.docx")))
    return extra


class Pool:
    """The peer's pool, with the provincial documents added to its render."""

    def __init__(self, pool):
        self.pool = pool

    def map(self, fn, jobs, chunksize=None):
        if fn is peer.render:
            jobs = list(jobs) + province_jobs(jobs)
        return self.pool.map(fn, jobs, chunksize=chunksize)

    def __getattr__(self, name):
        return getattr(self.pool, name)


class Context:
    def __init__(self, ctx):
        self.ctx = ctx

    def Pool(self, n):
        return Pool(self.ctx.Pool(n))


peer.get_context = lambda method: Context(real_get_context(method))

if __name__ == "__main__":
    sys.argv[0] = os.path.join(PEER, "annual_peer.py")
    sys.exit(peer.main())
