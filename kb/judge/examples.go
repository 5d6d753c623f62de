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
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".jsonl") {
			p := path.Join(dir, e.Name())
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return nil, err
			}
			files[e.Name()] = data
		}
	}
	return files, nil
}

// Digest identifies a set of example files by their names and contents
// (the same framing as a bundle's hash), so that weights can say which
// examples they were trained on.
func Digest(files map[string][]byte) string { return bundle.Hash(files) }
