// Loads plume.wasm with a real progress bar (bytes received), then starts
// the Go program. The page's API: globalThis.plume.ready resolves when the
// knowledge base is indexed; globalThis.plume.analyze(subject, body) returns
// the same object as `plume suggest --json`.
"use strict";
globalThis.plume = globalThis.plume || {};
plume.ready = new Promise((resolve) => { plume._resolveReady = resolve; });

(async () => {
  const etape = document.getElementById("etape");
  const barre = document.getElementById("barre");
  const detail = document.getElementById("detail");
  const mo = (n) => (n / 1048576).toFixed(1).replace(".", ",") + " Mo";
  try {
    // The manifest names the build (content hash) and its size once
    // decompressed: the browser counts decompressed bytes.
    const manifest = await (await fetch("plume.json", { cache: "no-cache" })).json();
    const response = await fetch(manifest.wasm);
    if (!response.ok) throw new Error("plume.wasm : HTTP " + response.status);
    const total = manifest.size;
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      barre.value = Math.min(100, (100 * received) / total);
      detail.textContent = mo(received) + " sur " + mo(total);
    }
    const bytes = new Uint8Array(received);
    let at = 0;
    for (const c of chunks) { bytes.set(c, at); at += c.length; }
    etape.textContent = "Démarrage et indexation de la base de connaissances…";
    detail.textContent = "";
    barre.removeAttribute("value");
    const go = new Go();
    const { instance } = await WebAssembly.instantiate(bytes, go.importObject);
    go.run(instance);
    plume.ready.then(() => document.getElementById("chargement").remove());
  } catch (err) {
    document.body.classList.add("erreur");
    etape.textContent = "Plume n'a pas pu démarrer : " + err.message;
  }
})();
