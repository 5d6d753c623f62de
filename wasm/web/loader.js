// Loads plume.wasm with a real progress bar (bytes received), compiling it
// while it downloads, then starts the Go program. The page's API:
// globalThis.plume.ready resolves when the knowledge base is indexed;
// globalThis.plume.analyze(subject, body) returns the same object as
// `plume suggest --json`; globalThis.plume.shown resolves when the window
// is laid out with its base (the base is read first, the window after).
// Performance marks (plume:progress when the bar first moves on screen,
// plume:downloaded, plume:ready, plume:shown) let the intranet measure the
// loading as its users see it.
"use strict";
globalThis.plume = globalThis.plume || {};
plume.ready = new Promise((resolve) => { plume._resolveReady = resolve; });
plume.shown = new Promise((resolve) => { plume._resolveShown = resolve; });

// gunzip decompresses kb.bundle in the browser, while plume.wasm compiles:
// Go's gzip in WebAssembly took several times longer, once Go had started.
// Past limit (bundle.MaxSize, which index.html carries) it stops, so that a
// small file that expands without end cannot fill the tab's memory. It
// resolves to {json} (the decompressed bytes), {tooLarge} or {corrupt}.
async function gunzip(packed, limit) {
  try {
    const reader = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip")).getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        reader.cancel();
        return { tooLarge: true };
      }
      chunks.push(value);
    }
    const json = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      json.set(chunk, at);
      at += chunk.length;
    }
    return { json };
  } catch (err) {
    return { corrupt: String(err && err.message || err) };
  }
}

(async () => {
  const etape = document.getElementById("etape");
  const barre = document.getElementById("barre");
  const detail = document.getElementById("detail");
  const mo = (n) => (n / 1048576).toFixed(1).replace(".", ",") + " Mo";
  // Resolves once the page has painted: a frame's callback runs before its
  // paint, the timer after it.
  const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  try {
    // index.html names the build (content hash) and its size once
    // decompressed: the browser counts decompressed bytes. The fetch takes
    // over the download the page's preload started.
    const build = document.querySelector('meta[name="plume-wasm"]');
    const response = await fetch(build.content, { credentials: "same-origin", mode: "cors" });
    if (!response.ok) throw new Error(build.content + " : HTTP " + response.status);
    // The knowledge base published beside the page downloads with plume.wasm
    // (asked once plume.wasm's answer has begun, so as not to delay it), not
    // once Go has started: the Go program takes it from this promise of
    // {status, bytes} or {error}. The promise never fails.
    plume._bundle = fetch("kb.bundle", { credentials: "same-origin" }).then(async (r) => {
      if (!r.ok) return { status: r.status };
      const packed = new Uint8Array(await r.arrayBuffer());
      if (typeof DecompressionStream !== "function") return { status: r.status, bytes: packed };
      return { status: r.status, ...(await gunzip(packed, Number(build.dataset.bundleMax))) };
    }).catch((err) => ({ error: String(err && err.message || err) }));
    const total = Number(build.dataset.size);
    let received = 0;
    let drawing = false;
    // The bar is redrawn once a frame, whatever the number of chunks.
    const draw = () => {
      drawing = false;
      barre.value = Math.min(100, (100 * received) / total);
      detail.textContent = mo(received) + " sur " + mo(total);
      if (performance.getEntriesByName("plume:progress").length === 0) performance.mark("plume:progress");
    };
    const counted = response.body.pipeThrough(new TransformStream({
      transform(chunk, controller) {
        received += chunk.length;
        if (!drawing) { drawing = true; requestAnimationFrame(draw); }
        controller.enqueue(chunk);
      },
    }));
    const wasm = new Response(counted, { headers: { "Content-Type": "application/wasm" } });
    const module = WebAssembly.compileStreaming
      ? await WebAssembly.compileStreaming(wasm)
      : await WebAssembly.compile(await wasm.arrayBuffer());
    performance.mark("plume:downloaded");
    etape.textContent = "Démarrage et indexation de la base de connaissances…";
    detail.textContent = "";
    barre.removeAttribute("value");
    const go = new Go();
    const instance = await WebAssembly.instantiate(module, go.importObject);
    await afterPaint(); // the new step is on screen before Go takes the thread
    const stopped = go.run(instance);
    plume.ready.then(() => {
      performance.mark("plume:ready");
      etape.textContent = "Base de connaissances prête ; ouverture de la fenêtre…";
    });
    // The loading screen stays over the canvas until the window has its
    // base, or says why it has none.
    plume.shown.then(() => document.getElementById("chargement").remove());
    await stopped;
    // The Go program only ends on a fatal error: say so instead of leaving
    // a window that no longer answers.
    throw new Error("l'application s'est arrêtée (détails dans la console du navigateur). Rechargez la page ; le message collé n'a été envoyé nulle part.");
  } catch (err) {
    plume.stopped = err.message;
    let ecran = document.getElementById("chargement");
    if (!ecran) {
      ecran = document.createElement("div");
      ecran.id = "chargement";
      ecran.setAttribute("role", "alert");
      ecran.innerHTML = '<h1>Plume</h1><p id="etape"></p>';
      document.body.append(ecran);
    }
    document.body.classList.add("erreur");
    ecran.querySelector("#etape").textContent = "Plume n'a pas pu continuer : " + err.message;
    ecran.querySelector("#barre")?.remove();
  }
})();
