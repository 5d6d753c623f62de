// Command layout lays out wasm/dist around the plume.wasm just compiled
// there (make wasm): see web.Layout.
package main

import (
	"flag"
	"fmt"
	"os"

	"plume/wasm/web"
)

func main() {
	dir := flag.String("dir", "wasm/dist", "dossier contenant plume.wasm")
	wasmExec := flag.String("wasm-exec", "", "wasm_exec.js de la chaîne Go qui a compilé plume.wasm")
	flag.Parse()
	name, err := web.Layout(*dir, *wasmExec)
	if err != nil {
		fmt.Fprintln(os.Stderr, "layout :", err)
		os.Exit(1)
	}
	fmt.Println(name)
}
