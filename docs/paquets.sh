#!/bin/sh
# Draws docs/paquets.png, the packages of Plume and which imports which
# (make paquets). Only Plume's own packages; tests and the browser's
# replacement modules are left out.
set -e
cd "$(dirname "$0")/.."
{
	echo 'digraph plume {'
	echo '  rankdir=TB; node [shape=box, style="rounded,filled", fillcolor="#f4f1ea", fontname="Helvetica", fontsize=11]; edge [color="#7a7a7a", arrowsize=0.6];'
	echo '  "plume" [fillcolor="#e3ecf7"]; "app" [fillcolor="#e3ecf7"]; "cli" [fillcolor="#e3ecf7"];'
	go list -f '{{.ImportPath}}{{range .Imports}} {{.}}{{end}}' ./... | awk '
		{ from = $1; sub(/^plume\/?/, "", from); if (from == "") from = "plume"
		  for (i = 2; i <= NF; i++) if ($i ~ /^plume\//) { to = $i; sub(/^plume\//, "", to); printf "  \"%s\" -> \"%s\";\n", from, to } }' |
		grep -v '"wasm/\|"assets"\|"templates"\|"internal/' || true
	echo '}'
} | dot -Tpng -Gdpi=110 -o docs/paquets.png
