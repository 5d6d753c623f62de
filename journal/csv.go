package journal

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"plume/kb"
)

// WriteCSV writes entries as a spreadsheet reads them in France: « ; »
// between fields, UTF-8 with its byte-order mark, dates as AAAA-MM-JJ.
func WriteCSV(w io.Writer, entries []Entry, now time.Time) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	_ = cw.Write([]string{"référence", "état", "service", "catégorie", "relance", "motifs", "reçu le", "transmis le",
		"échéance", "retard", "agent", "numéros", "courriel", "nom", "objet", "nouveaux messages", "relances du service"})
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02")
	}
	for _, e := range entries {
		relance := "non"
		if e.Relance {
			relance = "oui"
		}
		_ = cw.Write([]string{e.Ref, e.State.Label(), kb.Label(kb.Services, e.Service), kb.Label(kb.Categories, e.Category), relance,
			strings.Join(e.Reasons, ", "), day(e.Received), day(e.Transmitted), day(e.Due), e.Overrun(now), e.Agent,
			strings.Join(e.Numbers, ", "), e.Email, e.Name, e.Subject, strconv.Itoa(len(e.Written)), strconv.Itoa(len(e.Chased))})
	}
	cw.Flush()
	return cw.Error()
}
