package kb

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// DefaultName names the embedded knowledge base in messages.
const DefaultName = "base intégrée"

// Source returns the files of the knowledge base in dir, or builtin when dir
// is empty, with a name for messages. A missing or unreadable dir is an
// error that says so in French.
func Source(dir string, builtin fs.FS) (fs.FS, string, error) {
	if dir == "" {
		return builtin, DefaultName, nil
	}
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, dir, fmt.Errorf("dossier de la base de connaissances introuvable : %s", dir)
	case err != nil:
		return nil, dir, fmt.Errorf("dossier de la base de connaissances illisible : %v", err)
	case !st.IsDir():
		return nil, dir, fmt.Errorf("%s n'est pas un dossier", dir)
	}
	if _, err := os.ReadDir(dir); err != nil {
		return nil, dir, fmt.Errorf("dossier de la base de connaissances illisible : %v", err)
	}
	return os.DirFS(dir), dir, nil
}
