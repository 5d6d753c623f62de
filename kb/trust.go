package kb

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"

	"plume/kb/bundle"
)

// BuildBundleKey is a public key built into the app by whoever builds it
// for a desk (-ldflags "-X plume/kb.BuildBundleKey=ed25519:…"): then only
// bundles that key signed are loaded, whatever the files say.
var BuildBundleKey string

// SiteKeyName is the site.yaml key that holds the public keys (separated by
// spaces or commas) whose signed bundles are trusted.
const SiteKeyName = "cle_paquet"

// TrustedKeys are the public keys a bundle must be signed by: the build's
// and those of the site file of the built-in base (part of the build too).
// A bundle's own site.yaml is never asked whom to trust. None: every
// bundle loads, signed or not.
func TrustedKeys(builtin fs.FS) ([]string, error) {
	var keys []string
	add := func(list, from string) error {
		for _, k := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' }) {
			if _, err := bundle.ParsePublicKey(k); err != nil {
				return fmt.Errorf("%s : %v", from, err)
			}
			keys = append(keys, k)
		}
		return nil
	}
	if err := add(BuildBundleKey, "clé de paquet de la compilation"); err != nil {
		return nil, err
	}
	// A site file that does not name the key is not parsed: the browser's
	// page asks at every start, and YAML there costs a tenth of a second.
	if builtin != nil {
		if data, err := readBaseFile(builtin, SiteFile, 1<<20); err == nil && bytes.Contains(data, []byte(SiteKeyName)) {
			site, _ := loadSite(builtin, nil, "")
			if err := add(site[SiteKeyName], SiteFile+" de la base intégrée, "+SiteKeyName); err != nil {
				return nil, err
			}
		}
	}
	return keys, nil
}
