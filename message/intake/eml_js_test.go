//go:build js

package intake

import (
	"errors"
	"strings"
	"testing"
)

func TestEMLIsReadOnTheDesktopOnly(t *testing.T) {
	_, err := ParseEML(strings.NewReader("From: a@b\r\n\r\nx"))
	if !errors.Is(err, ErrNoEMLInBrowser) {
		t.Errorf("got %v", err)
	}
}
