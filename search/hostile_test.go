package search

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// sprinkle puts an invisible format character inside every third word and
// writes accented letters decomposed, as some mail clients and phones do.
func sprinkle(s string) string {
	invisible := []string{"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e"}
	var b strings.Builder
	word, n := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
			if n == 3 && word%3 == 0 {
				b.WriteString(invisible[word%len(invisible)])
			}
		} else if n > 0 {
			word, n = word+1, 0
		}
		b.WriteString(norm.NFD.String(string(r)))
	}
	return b.String()
}

func TestInvisibleCharactersChangeNothing(t *testing.T) {
	e := defaultKB(t)
	reading := func(m Message) string {
		a, err := e.Analyze(m)
		if err != nil {
			t.Fatal(err)
		}
		top := ""
		if len(a.Suggestions) > 0 {
			top = a.Suggestions[0].Item.ID
		}
		return fmt.Sprintf("relance %v %s · sensible %v %s %v · %s %s · %s", a.Relance.Detected, a.Relance.Level,
			a.Sensitive.Detected, a.Sensitive.Level, a.Sensitive.Reasons, a.Category, a.Service, top)
	}
	msgs := append(labelledMessages(t), Message{Body: "Bonjour, depuis le refus j'ai des pensées suicidaires, je ne dors plus."})
	for _, m := range msgs {
		want := reading(m)
		hidden := Message{Subject: sprinkle(m.Subject), Body: sprinkle(m.Body)}
		if got := reading(hidden); got != want {
			t.Errorf("%.70q…\n with invisible characters: %s\n            as written: %s", m.Body, got, want)
		}
	}
}

func TestOffsetsPointAtTheMessageAsGiven(t *testing.T) {
	body := "Bonjour,\r\nje n’en peux plus, j’ai des pensées sui\u00adcidaires.\r\nMon père est décédé la semaine dernière.\r\n"
	a, err := defaultKB(t).Analyze(Message{Body: body})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Sensitive struct {
			Level string
			Cues  []struct {
				Text       string
				Start, End int
			}
		}
	}
	json.Unmarshal(data, &out)
	if out.Sensitive.Level != "danger" || len(out.Sensitive.Cues) == 0 {
		t.Fatalf("the soft hyphen hid the danger: %s", data)
	}
	for _, c := range out.Sensitive.Cues {
		raw := body[c.Start:c.End]
		if strings.ReplaceAll(raw, "\u00ad", "") != c.Text {
			t.Errorf("cue %q points at %q in the message as given", c.Text, raw)
		}
	}
}
