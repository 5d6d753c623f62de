// Package bbolt is a stand-in for go.etcd.io/bbolt in Plume's browser build.
//
// Bleve references bbolt for on-disk indexes; bbolt does not build for
// GOOS=js (bleve issue #1449). Plume only ever uses an in-memory scorch index,
// which never calls into bbolt, so this package declares the types and
// functions Bleve references and makes every one fail with ErrUnsupported.
package bbolt

import (
	"errors"
	"os"
	"time"
)

// ErrUnsupported is returned by every operation: there is no disk here.
var ErrUnsupported = errors.New("bbolt: pas de base sur disque dans le navigateur")

var (
	ErrBucketNotFound  = errors.New("bucket not found")
	ErrBucketExists    = errors.New("bucket already exists")
	ErrTxClosed        = errors.New("tx closed")
	ErrDatabaseNotOpen = errors.New("database not open")
)

const DefaultFillPercent = 0.5

type Options struct {
	Timeout         time.Duration
	NoGrowSync      bool
	NoFreelistSync  bool
	FreelistType    string
	ReadOnly        bool
	MmapFlags       int
	InitialMmapSize int
	PageSize        int
	NoSync          bool
	Mlock           bool
	OpenFile        func(string, int, os.FileMode) (*os.File, error)
}

var DefaultOptions = &Options{}

type DB struct {
	NoSync        bool
	NoGrowSync    bool
	MaxBatchSize  int
	MaxBatchDelay time.Duration
	AllocSize     int
}

func Open(path string, mode os.FileMode, options *Options) (*DB, error) { return nil, ErrUnsupported }
func (db *DB) Begin(writable bool) (*Tx, error)                         { return nil, ErrUnsupported }
func (db *DB) View(fn func(*Tx) error) error                            { return ErrUnsupported }
func (db *DB) Update(fn func(*Tx) error) error                          { return ErrUnsupported }
func (db *DB) Batch(fn func(*Tx) error) error                           { return ErrUnsupported }
func (db *DB) Close() error                                             { return nil }
func (db *DB) Path() string                                             { return "" }
func (db *DB) Sync() error                                              { return ErrUnsupported }
func (db *DB) Stats() Stats                                             { return Stats{} }
func (db *DB) IsReadOnly() bool                                         { return true }

type Stats struct{}

type Tx struct{}

func (tx *Tx) Bucket(name []byte) *Bucket                           { return nil }
func (tx *Tx) CreateBucket(name []byte) (*Bucket, error)            { return nil, ErrUnsupported }
func (tx *Tx) CreateBucketIfNotExists(name []byte) (*Bucket, error) { return nil, ErrUnsupported }
func (tx *Tx) DeleteBucket(name []byte) error                       { return ErrUnsupported }
func (tx *Tx) Commit() error                                        { return ErrUnsupported }
func (tx *Tx) Rollback() error                                      { return nil }
func (tx *Tx) Cursor() *Cursor                                      { return &Cursor{} }
func (tx *Tx) Writable() bool                                       { return false }
func (tx *Tx) ForEach(fn func(name []byte, b *Bucket) error) error  { return ErrUnsupported }
func (tx *Tx) DB() *DB                                              { return nil }

type Bucket struct {
	FillPercent float64
}

func (b *Bucket) Bucket(name []byte) *Bucket                           { return nil }
func (b *Bucket) CreateBucket(name []byte) (*Bucket, error)            { return nil, ErrUnsupported }
func (b *Bucket) CreateBucketIfNotExists(name []byte) (*Bucket, error) { return nil, ErrUnsupported }
func (b *Bucket) DeleteBucket(name []byte) error                       { return ErrUnsupported }
func (b *Bucket) Get(key []byte) []byte                                { return nil }
func (b *Bucket) Put(key, value []byte) error                          { return ErrUnsupported }
func (b *Bucket) Delete(key []byte) error                              { return ErrUnsupported }
func (b *Bucket) Cursor() *Cursor                                      { return &Cursor{} }
func (b *Bucket) ForEach(fn func(k, v []byte) error) error             { return ErrUnsupported }
func (b *Bucket) Stats() BucketStats                                   { return BucketStats{} }
func (b *Bucket) NextSequence() (uint64, error)                        { return 0, ErrUnsupported }
func (b *Bucket) Sequence() uint64                                     { return 0 }
func (b *Bucket) SetSequence(v uint64) error                           { return ErrUnsupported }
func (b *Bucket) Writable() bool                                       { return false }
func (b *Bucket) Tx() *Tx                                              { return nil }

type BucketStats struct{ KeyN int }

type Cursor struct{}

func (c *Cursor) First() (key, value []byte)           { return nil, nil }
func (c *Cursor) Last() (key, value []byte)            { return nil, nil }
func (c *Cursor) Next() (key, value []byte)            { return nil, nil }
func (c *Cursor) Prev() (key, value []byte)            { return nil, nil }
func (c *Cursor) Seek(seek []byte) (key, value []byte) { return nil, nil }
func (c *Cursor) Delete() error                        { return ErrUnsupported }
func (c *Cursor) Bucket() *Bucket                      { return nil }
