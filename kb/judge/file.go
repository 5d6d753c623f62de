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
	meta := m.Meta
	if meta.CrossValidation != nil {
		meta.CrossValidation = meta.CrossValidation.compact()
	}
	head, err := json.Marshal(meta)
	if err != nil {
		return err
	}
	var bin bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bin, gzip.BestCompression)
	put := func(v any) {
		if err == nil {
			err = binary.Write(zw, binary.LittleEndian, v)
		}
	}
	put(m.bias)
	for _, sw := range m.signalW {
		put(sw)
	}
	put(m.scale)
	put(m.used)
	put(m.weights)
	if err != nil {
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
	m := &Model{}
	if err := json.Unmarshal([]byte(lines[1]), &m.Meta); err != nil {
		return nil, fmt.Errorf("%w : en-tête illisible (%v)", ErrFormat, err)
	}
	if m.FeatureVersion != FeatureVersion {
		return nil, fmt.Errorf("%w : entraînés pour la version %d des caractéristiques, cette version de Plume calcule la version %d ; relancez « plume train »",
			ErrFormat, m.FeatureVersion, FeatureVersion)
	}
	raw, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(lines[2]), ""))
	if err != nil {
		return nil, fmt.Errorf("%w : poids illisibles (%v)", ErrFormat, err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%w : poids illisibles (%v)", ErrFormat, err)
	}
	r := io.LimitReader(zr, maxFileBytes)
	get := func(v any) {
		if err == nil {
			err = binary.Read(r, binary.LittleEndian, v)
		}
	}
	get(&m.bias)
	m.signalW = make([][nOutputs]float32, len(m.Signals))
	m.signalI = map[string]int{}
	for i, s := range m.Signals {
		get(&m.signalW[i])
		m.signalI[s] = i
	}
	get(&m.scale)
	m.used = make([]uint64, 1<<hashBits/64)
	get(m.used)
	if err != nil {
		return nil, fmt.Errorf("%w : poids tronqués (%v)", ErrFormat, err)
	}
	m.indexRanks()
	n := 0
	for _, w := range m.used {
		n += popcount(w)
	}
	m.weights = make([]int8, n*nOutputs)
	get(m.weights)
	if err != nil {
		return nil, fmt.Errorf("%w : poids tronqués (%v)", ErrFormat, err)
	}
	if extra, _ := r.Read(make([]byte, 1)); extra != 0 {
		return nil, fmt.Errorf("%w : données en trop après les poids", ErrFormat)
	}
	for _, v := range append(m.bias[:], m.scale[:]...) {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return nil, fmt.Errorf("%w : poids non numériques", ErrFormat)
		}
	}
	return m, nil
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
