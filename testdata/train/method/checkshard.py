#!/usr/bin/env python3
"""Check a writer's shard: one JSON object a line, fields and codes valid.
Usage: python3 checkshard.py FILE.jsonl  -> prints problems with line numbers, then a summary."""
import json, sys, collections
CATS = {"sejour","eloignement","identite","immatriculation","teleprocedure","permis","autre"}
SERV = {"accueil","immigration","cert-titres","sous-prefecture","cabinet","autre-service"}
REAS = {"deces","emploi","revenus","logement","sante","echeance","detresse","mineur","violence"}
need = ["id","writer","subject","body","category","service","transfer","relance","sensitive","reasons","lang","register","shape","note"]
path = sys.argv[1]
bad = 0; rows = []; ids = set()
for n, line in enumerate(open(path, encoding="utf-8"), 1):
    if not line.strip():
        print(f"{path}:{n}: empty line"); bad += 1; continue
    try:
        r = json.loads(line)
    except Exception as e:
        print(f"{path}:{n}: not JSON: {e}"); bad += 1; continue
    errs = [f"missing {k}" for k in need if k not in r]
    if r.get("category") not in CATS: errs.append(f"category {r.get('category')!r}")
    if r.get("service") not in SERV: errs.append(f"service {r.get('service')!r}")
    if not isinstance(r.get("transfer"), bool) or r.get("transfer") != (r.get("service") != "accueil"): errs.append("transfer must be true exactly when service != accueil")
    for k in ("relance","sensitive"):
        if not isinstance(r.get(k), bool): errs.append(f"{k} not a boolean")
    rs = r.get("reasons")
    if not isinstance(rs, list) or any(x not in REAS for x in rs): errs.append(f"reasons {rs!r}")
    elif r.get("sensitive") and not rs: errs.append("sensitive without reasons")
    elif not r.get("sensitive") and rs: errs.append("reasons on a non-sensitive message")
    if r.get("lang") not in ("fr","en"): errs.append("lang")
    if r.get("id") in ids: errs.append("duplicate id")
    ids.add(r.get("id"))
    if not str(r.get("body","")).strip(): errs.append("empty body")
    for e in errs: print(f"{path}:{n}: {e}"); bad += 1
    rows.append(r)
c = collections.Counter
print(f"{len(rows)} messages, {bad} problems")
print("category", dict(c(r.get("category") for r in rows)))
print("service", dict(c(r.get("service") for r in rows)))
print("relance", sum(bool(r.get("relance")) for r in rows), "sensitive", sum(bool(r.get("sensitive")) for r in rows),
      "both", sum(bool(r.get("relance")) and bool(r.get("sensitive")) for r in rows))
print("reasons", dict(c(x for r in rows for x in r.get("reasons") or [])))
print("lang", dict(c(r.get("lang") for r in rows)))
print("register", dict(c(r.get("register") for r in rows)))
print("shape", dict(c(r.get("shape") for r in rows)))
sys.exit(1 if bad else 0)
