#!/usr/bin/env python3
"""Apply settled label disagreements to the shards and write DISAGREEMENTS.md.
Usage: python3 apply_settled.py  (from anywhere; paths are fixed)."""
import json, os, glob, collections
root = "/work/main/testdata/train"
out = ["# Labels: second reading and settled disagreements", "",
       "Each shard was labelled by its writer, read again by a second reader who labelled every",
       "message before looking at the writer's labels (`reviews/WRITER.review.jsonl`: one line per",
       "disagreement, with the reader's reason), and each disagreement was settled by a third reader",
       "(`reviews/WRITER.settled.jsonl`, with the reason). The shards hold the settled labels.",
       "No reader saw the test sets, the lexicons or the code.", "",
       "What the second readers found, over the shards: category, relance and the hard negatives",
       "(cue words only in the quoted part, thank-yous, documents sent on request, URGENT as a formula,",
       "earlier contacts with someone other than the préfecture) were right almost everywhere. Most",
       "disagreements are a second sensitive reason the writer left out (a dated deadline behind a job",
       "or housing stake, lost income next to a lost job, fear counted as distress), and information",
       "questions sent to a business service. Deadlines about a month away were counted as `echeance`",
       "by most settlers. Settled for the reader in most cases, as the table shows.",
       "The writers and readers of w13 to w16, written after the first twelve were read, were given",
       "these rulings (see `method/w13.prompt.txt`): fear, shame or sleeplessness told by the person",
       "is `detresse`; a dated deadline within about a month that carries the stake is `echeance`;",
       "lost income beside a job at risk is `revenus` too; an information question stays with",
       "`accueil`. The shards w17 to w22 were written in a later session, aimed at what the first sixteen",
       "taught least (relances told as stories, inside forwards and long letters, in English, in replies",
       "and subjects; stakes told through consequences; look-alikes of both); their writers and readers",
       "had the same rulings, and their settlers one more: lodging an application (online, by post or at",
       "the counter) is not itself an earlier contact, a later mail, call or visit about it is.",
       "The shards w23 to w28 were written in a third session, aimed at the borderline of relance that",
       "cross-validation showed (the one clause that makes a relance in a long wait, third parties, short",
       "hurried writing, threads and forwards of one's own mails, relances beyond séjour, long letters),",
       "each with as many look-alikes; writers, readers and settlers had every ruling above, the lodging",
       "one included.", ""]
summary = []
for shard in sorted(glob.glob(f"{root}/w*.jsonl")):
    w = os.path.basename(shard)[:-6]
    settled_path = f"{root}/reviews/{w}.settled.jsonl"
    review_path = f"{root}/reviews/{w}.review.jsonl"
    if not os.path.exists(review_path):
        summary.append((w, None)); continue
    rows = [json.loads(l) for l in open(shard, encoding="utf-8") if l.strip()]
    by_id = {r["id"]: r for r in rows}
    reviews = [json.loads(l) for l in open(review_path, encoding="utf-8") if l.strip()]
    settled = [json.loads(l) for l in open(settled_path, encoding="utf-8") if l.strip()] if os.path.exists(settled_path) else []
    outcome = collections.Counter()
    lines = []
    for s in settled:
        f = s["field"]
        if f == "transfer":
            continue  # follows from the service
        r = by_id[s["id"]]
        for k in ("settled", "writer", "reader"):
            if f != "reasons" and isinstance(s[k], list) and len(s[k]) == 1:
                s[k] = s[k][0]
        val = s["settled"]
        who = "writer" if val == s["writer"] else "reader" if val == s["reader"] else "other"
        if f == "reasons":
            who = "writer" if sorted(val) == sorted(s["writer"]) else "reader" if sorted(val) == sorted(s["reader"]) else "other"
        outcome[(f, who)] += 1
        r[f] = val
        if f == "service":
            r["transfer"] = val != "accueil"
        if f == "sensitive" and not val:
            r["reasons"] = []
        lines.append(f"- `{s['id']}` {f}: writer {json.dumps(s['writer'], ensure_ascii=False)}, reader {json.dumps(s['reader'], ensure_ascii=False)} → **{json.dumps(val, ensure_ascii=False)}** ({who}). {s.get('why','')}")
    for r in rows:
        if r.get("sensitive") and not r.get("reasons"):
            raise SystemExit(f"{r['id']}: sensitive without reasons after settling")
    with open(shard, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    summary.append((w, (len(rows), len(reviews), outcome)))
    out += [f"## {w}", "", f"{len(rows)} messages, {len(reviews)} disagreements.", ""] + lines + [""]
head = ["| shard | messages | disagreements | settled for the writer | for the reader | otherwise |", "| --- | --- | --- | --- | --- | --- |"]
for w, v in summary:
    if v is None:
        head.append(f"| {w} | | not yet read twice | | | |"); continue
    n, d, o = v
    head.append(f"| {w} | {n} | {d} | {sum(c for (f,who),c in o.items() if who=='writer')} | {sum(c for (f,who),c in o.items() if who=='reader')} | {sum(c for (f,who),c in o.items() if who=='other')} |")
out = out[:8] + head + [""] + out[8:]
open(f"{root}/DISAGREEMENTS.md", "w", encoding="utf-8").write("\n".join(out) + "\n")
print("\n".join(head))
