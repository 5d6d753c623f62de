package app

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"github.com/fsnotify/fsnotify"

	"plume/kb"
)

// kbWatcher reloads the knowledge base when an editor saves a file in its
// folder (or the site file), so agents see the change without a restart.
type kbWatcher struct {
	w    *fsnotify.Watcher
	stop chan struct{}
}

// reloadDelay gathers the several events of one save (write, rename, chmod)
// into one reload.
const reloadDelay = 500 * time.Millisecond

// watch starts watching the base's folder (and its subfolders) or bundle
// file, and siteFile; the embedded and published bases need no watching. A
// failure to watch only means no live reload: it is said in the status
// line.
func (m *Main) watch(base kb.Base, siteFile string) {
	if m.watcher != nil {
		close(m.watcher.stop)
		m.watcher.w.Close()
		m.watcher = nil
	}
	dir, bundle := "", ""
	switch base.Origin {
	case kb.Folder:
		dir = base.Path
	case kb.BundleFile:
		bundle = base.Path // a new copy replaces the file
	}
	if dir == "" && bundle == "" && siteFile == "" {
		return
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		m.Status.SetText(m.Status.Text + " · pas de rechargement automatique : " + err.Error())
		return
	}
	if bundle != "" {
		_ = fw.Add(filepath.Dir(bundle))
	}
	if dir != "" {
		watchTree(fw, dir)
	}
	if siteFile != "" {
		_ = fw.Add(filepath.Dir(siteFile))
	}
	kw := &kbWatcher{w: fw, stop: make(chan struct{})}
	m.watcher = kw
	// One goroutine owns the delay: a save pending when the watcher stops
	// (another folder chosen, the window closed) reloads nothing.
	go func() {
		var delay *time.Timer
		var fire <-chan time.Time
		changed := ""
		for {
			select {
			case <-kw.stop:
				if delay != nil {
					delay.Stop()
				}
				return
			case ev, ok := <-fw.Events:
				if !ok {
					return
				}
				name := filepath.Base(ev.Name)
				if dir != "" && ev.Has(fsnotify.Create) && !kb.IgnoredFolder(name) {
					// A folder created (or moved in) after the start: watch
					// it too, and reload for what it may already hold.
					if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
						watchTree(fw, ev.Name)
						name += "/"
					}
				}
				relevant := strings.HasSuffix(name, "/") || strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".yaml") ||
					(siteFile != "" && filepath.Clean(ev.Name) == filepath.Clean(siteFile)) ||
					(bundle != "" && filepath.Clean(ev.Name) == filepath.Clean(bundle))
				if !relevant || strings.HasPrefix(name, ".") { // editors' temporary files, save locks
					continue
				}
				changed = name
				if delay != nil {
					delay.Stop()
				}
				delay = time.NewTimer(reloadDelay)
				fire = delay.C
			case <-fire:
				fire = nil
				select {
				case <-kw.stop:
					return
				default:
				}
				file := changed
				fyne.Do(func() { m.reload("Fichier modifié (" + file + ")") })
			case <-fw.Errors:
			}
		}
	}()
}

// watchTree watches root and its folders, as kb.ItemPaths reads them:
// kb.IgnoredFolder ones (.git, whose objects change at every commit;
// testdata) are neither read nor watched.
func watchTree(fw *fsnotify.Watcher, root string) {
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil || !d.IsDir():
			return nil
		case p != root && kb.IgnoredFolder(d.Name()):
			return fs.SkipDir
		}
		_ = fw.Add(p)
		return nil
	})
}
