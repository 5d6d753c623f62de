package judge

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"strings"

	"plume/kb/bundle"
)

// FileName is the weights' file at the root of a knowledge base.
const FileName = bundle.JudgeFile

// FileFormat opens every weights file.
const FileFormat = "plume-jugement/1"

// maxFileBytes bounds what Read accepts, compressed and expanded: a model
// is about 1 MB; a file many times larger is not one of ours.
const maxFileBytes = 16 << 20

// The weights file is text, so that it travels in a bundle (JSON strings)
// and in any shared folder: a first line with the format, a line of JSON
// (Meta), then the weights as base64 of gzip, 76 characters a line.
//
// The binary part is little-endian: the bias and the signal weights as
// float32, the per-output scales, the 2^hashBits/64 words of the bucket
// bitmap, then the int8 weights of the kept buckets.

// Write writes m.
func (m *Model) Write(w io.Writer) error {
	head, err := m.header()
	if err != nil {
		return err
	}
	var bin bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bin, gzip.BestCompression)
	if err := m.writeWeights(zw); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	enc := base64.StdEncoding.EncodeToString(bin.Bytes())
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, FileFormat)
	bw.Write(head)
	bw.WriteByte('\n')
	for len(enc) > 76 {
		bw.WriteString(enc[:76])
		bw.WriteByte('\n')
		enc = enc[76:]
	}
	bw.WriteString(enc)
	bw.WriteByte('\n')
	return bw.Flush()
}

// header is the JSON line of Meta a file or a prepared model starts with.
func (m *Model) header() ([]byte, error) {
	meta := m.Meta
	if meta.CrossValidation != nil {
		meta.CrossValidation = meta.CrossValidation.compact()
	}
	return json.Marshal(meta)
}

// writeWeights writes the binary part (see above).
func (m *Model) writeWeights(w io.Writer) error {
	var err error
	put := func(v any) {
		if err == nil {
			err = binary.Write(w, binary.LittleEndian, v)
		}
	}
	put(m.bias)
	for _, sw := range m.signalW {
		put(sw)
	}
	put(m.scale)
	put(m.used)
	put(m.weights)
	return err
}

// MarshalBinary is the model as a prepared engine carries it (kb.Snapshot):
// the header's length and JSON, then the binary part uncompressed, which
// the browser reads several times faster than the file's base64 of gzip.
func (m *Model) MarshalBinary() ([]byte, error) {
	head, err := m.header()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.Write(binary.AppendUvarint(nil, uint64(len(head))))
	b.Write(head)
	if err := m.writeWeights(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// ErrFormat is returned for a file that is not a weights file of this
// version of Plume, or does not match the features this version computes.
var ErrFormat = errors.New("poids du jugement appris incompatibles")

// Read reads a weights file written by Write. A file of another format or
// feature version is refused with ErrFormat: the rules alone then judge.
func Read(data []byte) (*Model, error) {
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("%w : fichier de %d octets, trop grand", ErrFormat, len(data))
	}
	lines := strings.SplitN(string(data), "\n", 3)
	if len(lines) < 3 || strings.TrimSpace(lines[0]) != FileFormat {
		return nil, fmt.Errorf("%w : ce n'est pas un fichier %s", ErrFormat, FileFormat)
	}
	m, err := readHeader([]byte(lines[1]))
	if err != nil {
		return nil, err
	}
	// The decoder skips the line breaks.
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(lines[2]))
	if err != nil {
		return nil, fmt.Errorf("%w : poids illisibles (%v)", ErrFormat, err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%w : poids illisibles (%v)", ErrFormat, err)
	}
	weights, err := io.ReadAll(io.LimitReader(zr, maxFileBytes+1))
	if err != nil || len(weights) > maxFileBytes {
		return nil, fmt.Errorf("%w : poids illisibles (%v)", ErrFormat, err)
	}
	if err := m.readWeights(weights); err != nil {
		return nil, err
	}
	return m, nil
}

// UnmarshalBinary reads a model written by MarshalBinary, with the checks
// of Read.
func UnmarshalBinary(data []byte) (*Model, error) {
	n, size := binary.Uvarint(data)
	if size <= 0 || n > uint64(len(data)-size) {
		return nil, fmt.Errorf("%w : modèle préparé tronqué", ErrFormat)
	}
	m, err := readHeader(data[size : size+int(n)])
	if err != nil {
		return nil, err
	}
	if err := m.readWeights(data[size+int(n):]); err != nil {
		return nil, err
	}
	return m, nil
}

// readHeader reads a model's header, refusing the weights of other
// features before anything else is read.
func readHeader(head []byte) (*Model, error) {
	m := &Model{}
	if err := json.Unmarshal(head, &m.Meta); err != nil {
		return nil, fmt.Errorf("%w : en-tête illisible (%v)", ErrFormat, err)
	}
	if m.FeatureVersion != FeatureVersion {
		return nil, fmt.Errorf("%w : entraînés pour la version %d des caractéristiques, cette version de Plume calcule la version %d ; relancez « plume train »",
			ErrFormat, m.FeatureVersion, FeatureVersion)
	}
	return m, nil
}

// readWeights reads the binary part straight from the bytes: binary.Read,
// through an io.Reader, took most of the browser's time for a million
// weights.
func (m *Model) readWeights(raw []byte) error {
	truncated := fmt.Errorf("%w : poids tronqués", ErrFormat)
	floats := func(dst []float32) bool {
		if len(raw) < 4*len(dst) {
			return false
		}
		for i := range dst {
			dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
		}
		raw = raw[4*len(dst):]
		return true
	}
	if !floats(m.bias[:]) {
		return truncated
	}
	m.signalW = make([][nOutputs]float32, len(m.Signals))
	m.signalI = map[string]int{}
	for i, s := range m.Signals {
		if !floats(m.signalW[i][:]) {
			return truncated
		}
		m.signalI[s] = i
	}
	if !floats(m.scale[:]) {
		return truncated
	}
	m.used = make([]uint64, 1<<hashBits/64)
	if len(raw) < 8*len(m.used) {
		return truncated
	}
	for i := range m.used {
		m.used[i] = binary.LittleEndian.Uint64(raw[8*i:])
	}
	raw = raw[8*len(m.used):]
	m.indexRanks()
	n := 0
	for _, w := range m.used {
		n += popcount(w)
	}
	switch {
	case len(raw) < n*nOutputs:
		return truncated
	case len(raw) > n*nOutputs:
		return fmt.Errorf("%w : données en trop après les poids", ErrFormat)
	}
	m.weights = make([]int8, n*nOutputs)
	for i, b := range raw {
		m.weights[i] = int8(b)
	}
	for _, v := range append(m.bias[:], m.scale[:]...) {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return fmt.Errorf("%w : poids non numériques", ErrFormat)
		}
	}
	return nil
}

func popcount(w uint64) int { return bits.OnesCount64(w) }

// compact drops the lists of message ids: the figures are what a weights
// file keeps.
func (r *Report) compact() *Report {
	c := *r
	strip := func(b Binary) Binary { b.Missed, b.Wrong = nil, nil; return b }
	c.Relance, c.RelanceCheck = strip(r.Relance), strip(r.RelanceCheck)
	c.Sensitive, c.SensitiveCheck = strip(r.Sensitive), strip(r.SensitiveCheck)
	c.Reasons = map[string]Binary{}
	for k, v := range r.Reasons {
		c.Reasons[k] = strip(v)
	}
	for _, a := range []*Accuracy{&c.Category, &c.Service, &c.ServiceCalm, &c.Transfer} {
		a.Missed = nil
	}
	return &c
}
