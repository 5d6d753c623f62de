package judge

import (
	"errors"
	"io/fs"
	"path"
	"strings"

	"plume/kb/bundle"
)

// ExampleFiles reads the labelled examples (*.jsonl) of dir in fsys, by
// path. A missing folder is no error: there are no examples.
func ExampleFiles(fsys fs.FS, dir string) (map[string][]byte, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".jsonl") {
			continue
		}
		p := path.Join(dir, e.Name())
		if e.Type()&fs.ModeSymlink != 0 {
			// A file linked from elsewhere (a shared folder) is read as
			// its target; it was skipped without a word.
			if st, err := fs.Stat(fsys, p); err != nil || !st.Mode().IsRegular() {
				continue
			}
		} else if !e.Type().IsRegular() {
			continue
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		files[e.Name()] = data
	}
	return files, nil
}

// Digest identifies a set of example files by their names and contents
// (the same framing as a bundle's hash), so that weights can say which
// examples they were trained on.
func Digest(files map[string][]byte) string { return bundle.Hash(files) }
