// The page's events that Fyne's web driver (2.7.1) mishandles, taken in
// hand before the Go program starts and registers its own listeners: each
// of them stopped the program or lost the agent's work. Loaded before
// loader.js; plume._paste, plume._drop, plume._type and plume._key are set
// by the Go program.
"use strict";
globalThis.plume = globalThis.plume || {};

// Fyne 2.7.1's web driver handles the window's focus and blur inside the
// browser event and waits there for a frame that cannot be drawn until the
// event returns: the Go program dies ("all goroutines are asleep") at the
// first click into the page or the first return from another tab. Plume
// needs neither event, so they stop here, before the driver's listeners
// (registered later, by the Go program).
for (const type of ["focus", "blur"]) {
  window.addEventListener(type, (e) => e.stopImmediatePropagation(), true);
}

// Copy and paste without navigator.clipboard's permissions. Over plain
// http (an intranet without TLS) the page has no navigator.clipboard, and
// Fyne's driver called it anyway: the Go program died at the first copy or
// paste. Copying falls back on the page's own copy command; pasting goes
// through the browser's paste event, which needs no permission anywhere:
// Ctrl+V is kept from Fyne's driver (below), and the text of the paste
// event goes to the app (plume._paste).
if (!navigator.clipboard) {
  const copy = (text) => {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const done = document.execCommand("copy");
    area.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copie refusée par le navigateur"));
  };
  Object.defineProperty(navigator, "clipboard", {
    value: { writeText: copy, readText: () => Promise.resolve("") },
  });
}
// A file dropped on the page would replace it (the browser opens files):
// the app reads it instead, within the size of an e-mail.
for (const type of ["dragover", "drop"]) document.addEventListener(type, (e) => e.preventDefault());
document.addEventListener("drop", async (e) => {
  const file = e.dataTransfer && e.dataTransfer.files[0];
  if (file && plume._drop && file.size <= 32 * 1048576) plume._drop(file.name, new Uint8Array(await file.arrayBuffer()));
});
document.addEventListener("paste", (e) => {
  e.preventDefault();
  if (plume._paste) plume._paste(e.clipboardData ? e.clipboardData.getData("text/plain") : "");
});

// Keys the driver mishandles, taken before it sees them (one listener,
// run before the driver's, for every key):
// - Ctrl+V, which the driver would answer by asking navigator.clipboard:
//   the browser's paste event follows (above);
// - characters the driver typed nothing for: any non-ASCII one (é, è, à,
//   ç, €: it tests the key's length in bytes), and AltGr, which French
//   keyboards need for @ # [ ] { } | \ ~ and which reaches the page as
//   Ctrl+Alt on Windows (taken for a shortcut): they go to plume._type;
// - Home, End, Page Up and Page Down, which it does not name: plume._key.
const unnamedKeys = new Set(["Home", "End", "PageUp", "PageDown"]);
window.addEventListener("keydown", (e) => {
  const plain = !e.ctrlKey && !e.altKey && !e.metaKey;
  const take = () => { e.stopImmediatePropagation(); e.preventDefault(); };
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "v") {
    e.stopImmediatePropagation(); // not prevented: the paste event must follow
  } else if ([...e.key].length === 1 && !e.metaKey && ((e.ctrlKey && e.altKey) || (plain && e.key > "\x7f"))) {
    take();
    if (plume._type) plume._type(e.key);
  } else if (plain && unnamedKeys.has(e.key)) {
    take();
    if (plume._key) plume._key(e.key);
  }
}, true);
