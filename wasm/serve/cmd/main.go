// Command serve serves wasm/dist on 127.0.0.1 to try the browser build
// (make serve-web).
package main

import (
	"flag"
	"log"
	"net/http"
	"os"
	"path/filepath"

	"plume/wasm/serve"
)

func main() {
	dir := flag.String("dir", "wasm/dist", "dossier à servir")
	addr := flag.String("addr", "127.0.0.1:8080", "adresse d'écoute (locale)")
	flag.Parse()
	if _, err := os.Stat(filepath.Join(*dir, "index.html")); err != nil {
		log.Fatalf("serve : %s ne contient pas index.html : lancez d'abord « make wasm »", *dir)
	}
	log.Printf("Plume dans le navigateur : http://%s/", *addr)
	log.Fatal(http.ListenAndServe(*addr, serve.Handler(*dir)))
}
