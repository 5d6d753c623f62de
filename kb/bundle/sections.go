package bundle

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// A bundle, and the prepared engine it carries, are laid out alike: a line
// of JSON that describes them, then raw parts, one after the other, in the
// sizes the line gives. Raw, because the browser's page scanned contents
// held as JSON strings byte by byte.

// WriteSections writes head as a line of JSON, then parts.
func WriteSections(w io.Writer, head any, parts ...[]byte) error {
	if err := json.NewEncoder(w).Encode(head); err != nil {
		return err
	}
	for _, p := range parts {
		if _, err := w.Write(p); err != nil {
			return err
		}
	}
	return nil
}

// SplitHead decodes the line of JSON data starts with into head and
// returns what follows it.
func SplitHead(data []byte, head any) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(head); err != nil {
		return nil, err
	}
	return bytes.TrimPrefix(data[dec.InputOffset():], []byte("\n")), nil
}

// CutSections cuts rest into parts of these sizes, which must take all of
// it. The parts share rest's memory, each capped at its own length.
func CutSections(rest []byte, sizes []int) ([][]byte, error) {
	parts := make([][]byte, len(sizes))
	for i, n := range sizes {
		if n < 0 || n > len(rest) {
			return nil, fmt.Errorf("partie de %d octets annoncée, %d restent", n, len(rest))
		}
		parts[i], rest = rest[:n:n], rest[n:]
	}
	if len(rest) > 0 {
		return nil, fmt.Errorf("%d octets en trop après les parties annoncées", len(rest))
	}
	return parts, nil
}
