package kb

import (
	"slices"
	"time"
)

// Item is one Markdown file of the knowledge base: its front matter, typed,
// and its body. Its JSON is how a bundle's prepared engine carries it
// (Snapshot).
type Item struct {
	ID       string   `yaml:"id" json:"id"`
	Title    string   `yaml:"title" json:"title"`
	Kind     Kind     `yaml:"kind" json:"kind"`
	Category string   `yaml:"category" json:"category,omitempty"`
	Service  string   `yaml:"service" json:"service,omitempty"`
	Transfer bool     `yaml:"transfer" json:"transfer"`
	Keywords []string `yaml:"keywords" json:"keywords,omitempty"`
	NotFor   []string `yaml:"not_for" json:"not_for,omitempty"`
	// WhenIn names the situations the item is made for (relance,
	// sensible): it is brought forward when they are detected.
	WhenIn     []string   `yaml:"when" json:"when,omitempty"`
	Role       string     `yaml:"role" json:"role,omitempty"`
	Reasons    []string   `yaml:"reasons" json:"reasons,omitempty"`
	Variables  []Variable `yaml:"variables" json:"variables,omitempty"`
	Reviewed   Date       `yaml:"reviewed" json:"reviewed,omitzero"`
	ReviewedBy string     `yaml:"reviewed_by" json:"reviewed_by,omitempty"`
	Expires    Date       `yaml:"expires" json:"expires,omitzero"`
	Source     string     `yaml:"source" json:"source,omitempty"`
	Lang       string     `yaml:"lang" json:"lang"`

	// Body is the Markdown after the front matter.
	Body string `yaml:"-" json:"body"`
	// Path is where the item was read from, relative to the knowledge base root.
	Path string `yaml:"-" json:"path"`
	// BodyLine is the line of the file where Body starts (1-based).
	BodyLine int `yaml:"-" json:"body_line"`
}

// Variable is a {{placeholder}} an item declares, for the agent to fill in.
type Variable struct {
	Name     string `yaml:"name" json:"name"`
	Label    string `yaml:"label" json:"label"`
	Default  string `yaml:"default" json:"default,omitempty"`
	Required bool   `yaml:"required" json:"required"`
	// OmitEmpty leaves out the paragraph that holds the field when the
	// agent leaves it empty: a sentence true only sometimes (« votre premier
	// message avait été transmis le … », « un agent vous appellera le … »)
	// is sent only when someone says it is.
	OmitEmpty bool `yaml:"omit_empty" json:"omit_empty,omitempty"`
}

// IsNotFor reports whether the item says it does not suit situation
// (SituationRelance, SituationSensible…).
func (it *Item) IsNotFor(situation string) bool { return slices.Contains(it.NotFor, situation) }

// When reports whether the item is made for situation.
func (it *Item) When(situation string) bool { return slices.Contains(it.WhenIn, situation) }

// Date is a calendar day written AAAA-MM-JJ in front matter.
type Date struct{ time.Time }

const dateLayout = "2006-01-02"

// UnmarshalText accepts AAAA-MM-JJ only: a day, not an instant.
func (d *Date) UnmarshalText(b []byte) error {
	t, err := time.Parse(dateLayout, string(b))
	if err != nil {
		return &dateError{string(b)}
	}
	d.Time = t
	return nil
}

// MarshalText writes AAAA-MM-JJ, or nothing for the zero date.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return []byte(d.Format(dateLayout)), nil
}

type dateError struct{ value string }

func (e *dateError) Error() string {
	return "date invalide « " + e.value + " » : attendu AAAA-MM-JJ"
}
