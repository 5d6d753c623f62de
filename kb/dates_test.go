package kb

import (
	"testing"
	"time"
)

func d(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestReplyDateSkipsWeekendsAndPublicHolidays(t *testing.T) {
	cases := []struct{ from, want string }{
		{"2026-11-25", "2026-12-02"}, // Wednesday → next Wednesday
		{"2026-12-21", "2026-12-29"}, // Christmas (Friday 25) skipped
		{"2026-11-06", "2026-11-16"}, // Armistice (Wednesday 11) skipped
		{"2027-05-03", "2027-05-11"}, // 8 May is a Saturday in 2027; Ascension on 6 May skipped
		{"2026-11-28", "2026-12-04"}, // from a Saturday
	}
	for _, c := range cases {
		if got := AddBusinessDays(d(c.from), ReplyDelay); !got.Equal(d(c.want)) {
			t.Errorf("%s + 5 jours ouvrés = %s, want %s", c.from, got.Format("2006-01-02 Mon"), c.want)
		}
	}
}

func TestBusinessDaysBetween(t *testing.T) {
	// After Friday 30 October: Mon 2 … Fri 6 November (5), then Mon 9,
	// Tue 10, Thu 12, Fri 13 (4); Wednesday 11 November is a holiday.
	if n := BusinessDaysBetween(d("2026-10-30"), d("2026-11-13")); n != 9 {
		t.Errorf("got %d business days, want 9", n)
	}
	if n := BusinessDaysBetween(d("2026-11-13"), d("2026-11-10")); n != 0 {
		t.Errorf("backwards: %d", n)
	}
}

func TestFrenchDate(t *testing.T) {
	for in, want := range map[string]string{
		"2026-12-01": "mardi 1er décembre 2026",
		"2026-08-15": "samedi 15 août 2026",
	} {
		if got := FrenchDate(d(in)); got != want {
			t.Errorf("%s → %q, want %q", in, got, want)
		}
	}
}
