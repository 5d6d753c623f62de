package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v17"

	"plume/kb"
	"plume/kb/bundle"
)

// A prepared engine is what `plume kb export` derives from a base for the
// browser's page, which otherwise spends most of its start reading the
// Markdown, checking it, decoding the judge's weights and analysing every
// item for the index, in WebAssembly, several times slower than the desktop.
// It holds the base as Load returned it (kb.Snapshot), the index's segments
// as Bleve built them, and the category focus of the topical terms. The
// page then serves the very engine the files give (a test compares their
// answers), in a fraction of the time (figures in the README). A prepared
// engine this build cannot vouch for (another format, another analyzer,
// another segment version, weights of other features) is set aside and the
// files are read instead.

// preparedFormat names this layout of a prepared engine: a line of JSON
// (prepared), then the judge's weights and each segment of the index, raw,
// in the sizes the line gives (bundle.WriteSections). (gob would have been shorter to write, and
// added 100 KB of gzip to the page.)
const preparedFormat = "plume-moteur/1"

type prepared struct {
	Format string `json:"format"`
	// Analyzer is analyzerDigest of the build that prepared it: the index's
	// terms are only valid for the analyzer that made them.
	Analyzer string `json:"analyzer"`
	// Zap is the version of the segments' format.
	Zap       uint32      `json:"zap"`
	KB        kb.Snapshot `json:"kb"`
	JudgeSize int         `json:"judge_size"`
	// SegmentSizes are the segments' sizes: one per indexing batch, in the
	// order of the items.
	SegmentSizes []int              `json:"segment_sizes"`
	Focus        map[string]float64 `json:"focus"`
	// Segments are read and written beside the JSON.
	Segments [][]byte `json:"-"`
}

// encode writes p in its layout.
func (p prepared) encode() ([]byte, error) {
	p.JudgeSize, p.SegmentSizes = len(p.KB.Judge), nil
	for _, s := range p.Segments {
		p.SegmentSizes = append(p.SegmentSizes, len(s))
	}
	var b bytes.Buffer
	if err := bundle.WriteSections(&b, p, append([][]byte{p.KB.Judge}, p.Segments...)...); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// decodePrepared reads a prepared engine written by encode.
func decodePrepared(data []byte) (prepared, error) {
	var p prepared
	rest, err := bundle.SplitHead(data, &p)
	if err != nil {
		return p, fmt.Errorf("moteur préparé illisible : %w", err)
	}
	parts, err := bundle.CutSections(rest, append([]int{p.JudgeSize}, p.SegmentSizes...))
	if err != nil {
		return p, fmt.Errorf("moteur préparé abîmé : %w", err)
	}
	if p.JudgeSize > 0 {
		p.KB.Judge = parts[0]
	}
	p.Segments = parts[1:]
	return p, nil
}

// errStale sets aside a prepared engine made by another build.
var errStale = errors.New("moteur préparé par une autre version de Plume")

// Prepare derives the prepared engine of k (a kb.Preparer).
func Prepare(k *kb.KB) ([]byte, error) {
	snap, err := k.Snapshot()
	if err != nil {
		return nil, err
	}
	im, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("mapping : %w", err)
	}
	src := &segmentSource{keep: true}
	ix, err := indexWith(k, im, src)
	if err != nil {
		return nil, err
	}
	defer ix.bleve.Close()
	return prepared{Format: preparedFormat, Analyzer: analyzerDigest(im), Zap: zap.Version, KB: snap, Segments: src.kept, Focus: ix.focus}.encode()
}

// openPrepared is the engine a prepared engine holds, judged by opts.Now.
func openPrepared(data []byte, opts kb.LoadOptions) (*Engine, error) {
	p, err := decodePrepared(data)
	if err != nil {
		return nil, err
	}
	if p.Format != preparedFormat || p.Zap != zap.Version {
		return nil, errStale
	}
	im, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("mapping : %w", err)
	}
	if p.Analyzer != analyzerDigest(im) {
		return nil, errStale
	}
	k, err := kb.FromSnapshot(p.KB, opts)
	if err != nil {
		return nil, err
	}
	src := &segmentSource{focus: p.Focus}
	for _, data := range p.Segments {
		sb, err := readSegment(data)
		if err != nil {
			return nil, err
		}
		src.made = append(src.made, sb)
	}
	ix, err := indexWith(k, im, src)
	if err != nil {
		return nil, err
	}
	if len(src.made) > 0 {
		ix.bleve.Close()
		return nil, errors.New("moteur préparé : segments en trop")
	}
	return newEngine(k, ix), nil
}

// analyzerProbe exercises what the index's analyzer does to French: case,
// accents, elisions, hyphens, ligatures, plurals and verb endings, numbers.
const analyzerProbe = "L'Étudiante a déposé ses demandes de titres de séjour ; PASSEPORTS, cartes grises, " +
	"permis de conduire — CNI n°123456 à Saint-Étienne, œuvre, naturalisations, rendez-vous en préfecture, " +
	"qu'ils s'étaient inscrits, aujourd'hui récépissé renouvellement."

// analyzerDigest fingerprints the index's analyzer by what it makes of
// analyzerProbe.
func analyzerDigest(im *mapping.IndexMappingImpl) string {
	h := sha256.New()
	for _, tok := range im.AnalyzerNamed(AnalyzerFrench).Analyze([]byte(analyzerProbe)) {
		fmt.Fprintf(h, "%s %d %d %d\n", tok.Term, tok.Position, tok.Start, tok.End)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// segmentSource hands the index's segments to Bleve, through the segment
// plugin below: it keeps each segment built (Prepare), or gives the
// prepared ones in order (openPrepared). A nil source leaves Bleve alone.
type segmentSource struct {
	keep  bool
	kept  [][]byte
	made  []*zap.SegmentBase
	focus map[string]float64
}

// ready says whether the segments are made: the items need no analysis.
func (s *segmentSource) ready() bool { return s != nil && !s.keep }

// preparedFocus is the category focus prepared with the segments.
func (s *segmentSource) preparedFocus() map[string]float64 {
	if !s.ready() {
		return nil
	}
	return s.focus
}

// sourceKey carries the source in scorch's segment configuration, which
// reaches the plugin at every new segment.
const sourceKey = "plume.segments"

// scorchConfig is the index configuration that routes its segments through
// the source (nil: Bleve's defaults).
func (s *segmentSource) scorchConfig() map[string]any {
	if s == nil {
		return nil
	}
	return map[string]any{
		"forceSegmentType":    preparedSegments{}.Type(),
		"forceSegmentVersion": int(preparedSegments{}.Version()),
		"segmentConfig":       map[string]any{sourceKey: s},
	}
}

// preparedSegments is Bleve's default segment format (zap v17), whose new
// segments can come from a segmentSource; scorch's plugin registry is the
// way Bleve offers to choose how an index's segments are made.
type preparedSegments struct{ zap.ZapPlugin }

func init() { scorch.RegisterSegmentPlugin(&preparedSegments{}, false) }

func (preparedSegments) Type() string    { return "plume-zap" }
func (preparedSegments) Version() uint32 { return zap.Version }

func (p *preparedSegments) New(results []bleveindex.Document) (segment.Segment, uint64, error) {
	return p.NewUsing(results, nil)
}

func (p *preparedSegments) NewUsing(results []bleveindex.Document, config map[string]any) (segment.Segment, uint64, error) {
	src, _ := config[sourceKey].(*segmentSource)
	if src != nil && !src.keep {
		if len(src.made) == 0 {
			return nil, 0, errors.New("moteur préparé : segment manquant")
		}
		sb := src.made[0]
		if sb.Count() != uint64(len(results)) {
			return nil, 0, fmt.Errorf("moteur préparé : segment de %d éléments pour %d", sb.Count(), len(results))
		}
		src.made = src.made[1:]
		return sb, 0, nil
	}
	seg, n, err := p.ZapPlugin.NewUsing(results, config)
	if err != nil || src == nil {
		return seg, n, err
	}
	sb, ok := seg.(*zap.SegmentBase)
	if !ok {
		return nil, 0, fmt.Errorf("segment %T inattendu", seg)
	}
	var b bytes.Buffer
	if _, err := sb.WriteTo(&b); err != nil {
		return nil, 0, err
	}
	src.kept = append(src.kept, b.Bytes())
	return seg, n, nil
}

// readSegment reads a segment written by zap's WriteTo: the segment's
// memory, then a footer (zap's persisted layout, big-endian): the writer's
// id, its length, the number of documents, the offsets of the stored
// fields' index and of the sections' index, the chunk mode, the version
// and the CRC-32 of everything before it.
func readSegment(data []byte) (*zap.SegmentBase, error) {
	bad := errors.New("moteur préparé : segment abîmé")
	if len(data) < zap.FooterSize {
		return nil, bad
	}
	end := len(data)
	u32 := func(at int) uint32 { return binary.BigEndian.Uint32(data[at : at+4]) }
	u64 := func(at int) uint64 { return binary.BigEndian.Uint64(data[at : at+8]) }
	crc, version, chunkMode := u32(end-4), u32(end-8), u32(end-12)
	sectionsIndex, storedIndex, numDocs := u64(end-20), u64(end-28), u64(end-36)
	idLen := int(u32(end - 40))
	memEnd := end - zap.FooterSize - idLen
	// A writer's id would say the memory was transformed (zap's file
	// callbacks); Bleve's default writes none.
	if version != zap.Version || idLen != 0 || memEnd < 0 {
		return nil, bad
	}
	mem := data[:memEnd]
	memCRC := crc32.ChecksumIEEE(mem)
	if crc32.Update(memCRC, crc32.IEEETable, data[memEnd:end-4]) != crc {
		return nil, bad
	}
	return zap.InitSegmentBase(mem, memCRC, chunkMode, numDocs, storedIndex, sectionsIndex, nil, new(segment.Stats))
}
