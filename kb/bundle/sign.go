package bundle

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Signing. The bundle's hash says whether it is whole, not who made it: any
// server of the intranet, or anyone who can write the shared folder, can
// make a valid bundle. A desk that publishes one can sign it with its
// ed25519 key (plume kb cle, plume kb export --sign); an app or a page that
// knows the desk's public key (site.yaml of the build's base, key
// cle_paquet, or the build itself) then loads only bundles that key signed.
// Where no key is set, unsigned bundles load as before.
//
// The signature covers the format, the hash of the files, the build date
// and the item count, in this text: "plume-kb/1\n<hash>\n<built>\n<items>";
// in a bundle with a prepared engine, its hash too, on a line of its own
// after the others ("plume-kb/2\n…\n<items>\n<prepared hash>").

// Errors of signature checking; match them with errors.Is.
var (
	ErrUnsigned  = errors.New("paquet non signé, alors qu'une clé de confiance est configurée : faites-le signer par le service qui le publie (plume kb export --sign)")
	ErrSignature = errors.New("signature du paquet invalide ou d'une clé inconnue : il n'a pas été produit par le service de confiance")
	ErrKey       = errors.New("clé illisible")
)

// keyPrefix starts a public key as written in site.yaml and printed by
// `plume kb cle`; privateKeyHeader starts a private key file.
const (
	keyPrefix        = "ed25519:"
	privateKeyHeader = "plume-cle-privee/1 ed25519 "
)

// NewKey makes a key pair: the private key file's content (to keep out of
// any shared folder) and the public key to give the apps.
func NewKey() (private []byte, public string, err error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, "", err
	}
	return []byte(privateKeyHeader + base64.StdEncoding.EncodeToString(priv.Seed()) + "\n"), PublicKey(pub), nil
}

// PublicKey writes a public key as site.yaml holds it.
func PublicKey(pub ed25519.PublicKey) string {
	return keyPrefix + base64.StdEncoding.EncodeToString(pub)
}

// ParsePrivateKey reads a private key file written by NewKey.
func ParsePrivateKey(data []byte) (ed25519.PrivateKey, error) {
	s := strings.TrimSpace(string(data))
	if !strings.HasPrefix(s, privateKeyHeader) {
		return nil, fmt.Errorf("%w : fichier de clé privée Plume attendu (plume kb cle)", ErrKey)
	}
	seed, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(s, privateKeyHeader))
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("%w : clé privée abîmée", ErrKey)
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// ParsePublicKey reads "ed25519:<base64>".
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	s = strings.TrimSpace(s)
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(s, keyPrefix))
	if !strings.HasPrefix(s, keyPrefix) || err != nil || len(raw) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w : « %s » (attendu ed25519:… donné par plume kb cle)", ErrKey, s)
	}
	return ed25519.PublicKey(raw), nil
}

// signedText is what a signature covers.
func signedText(doc document) []byte {
	text := doc.Format + "\n" + doc.Hash + "\n" + doc.Built + "\n" + strconv.Itoa(doc.Items)
	if doc.PreparedHash != "" {
		text += "\n" + doc.PreparedHash
	}
	return []byte(text)
}

// sign adds key's signature to doc.
func sign(doc *document, key ed25519.PrivateKey) {
	doc.Signer = PublicKey(key.Public().(ed25519.PublicKey))
	doc.Signature = base64.StdEncoding.EncodeToString(ed25519.Sign(key, signedText(*doc)))
}

// Verify checks the bundle's signature against the trusted public keys:
// with none, every bundle is accepted (signed or not); with some, only a
// bundle signed by one of them.
func (i Info) Verify(trusted []string) error {
	if len(trusted) == 0 {
		return nil
	}
	if i.Signer == "" {
		return ErrUnsigned
	}
	if !slices.Contains(trusted, i.Signer) {
		return fmt.Errorf("%w (signé par %s)", ErrSignature, i.Signer)
	}
	pub, err := ParsePublicKey(i.Signer)
	if err != nil {
		return fmt.Errorf("%w : %v", ErrSignature, err)
	}
	if !ed25519.Verify(pub, i.signed, i.signature) {
		return ErrSignature
	}
	return nil
}
