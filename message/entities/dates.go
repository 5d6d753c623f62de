package entities

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Month and weekday names, French and English, full and abbreviated, as
// people type them (with or without accents, any case).
var (
	monthForms = map[string]time.Month{}
	// abbreviated month forms; "3 oct" alone is too weak (sept is also
	// "seven"), so an abbreviation needs its dot or a year after it.
	monthAbbr = map[string]bool{}
	dayForms  = map[string]time.Weekday{}
	fullDay   = map[string]bool{}
	// English month names, the only ones written before the day.
	englishMonth = map[string]bool{}
)

func init() {
	full := [][]string{
		{"janvier", "january"}, {"fevrier", "février", "february"}, {"mars", "march"}, {"avril", "april"},
		{"mai", "may"}, {"juin", "june"}, {"juillet", "july"}, {"aout", "août", "august"},
		{"septembre", "september"}, {"octobre", "october"}, {"novembre", "november"},
		{"decembre", "décembre", "december"},
	}
	abbr := [][]string{
		{"janv", "jan"}, {"fevr", "févr", "fev", "fév", "feb"}, {"mar"}, {"avr", "apr"},
		{}, {"jun"}, {"juil", "jul"}, {"aug"},
		{"sept", "sep"}, {"oct"}, {"nov"}, {"dec", "déc"},
	}
	for _, m := range strings.Fields("january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec") {
		englishMonth[m] = true
	}
	for i := range full {
		for _, f := range full[i] {
			monthForms[fold(f)] = time.Month(i + 1)
		}
		for _, a := range abbr[i] {
			monthForms[fold(a)] = time.Month(i + 1)
			monthAbbr[fold(a)] = true
		}
	}
	days := [][]string{
		{"dimanche", "sunday", "dim", "sun"}, {"lundi", "monday", "lun", "mon"},
		{"mardi", "tuesday", "mar", "tue", "tues"}, {"mercredi", "wednesday", "mer", "wed"},
		{"jeudi", "thursday", "jeu", "thu", "thur", "thurs"}, {"vendredi", "friday", "ven", "fri"},
		{"samedi", "saturday", "sam", "sat"},
	}
	for i, ds := range days {
		for k, d := range ds {
			dayForms[d] = time.Weekday(i)
			fullDay[d] = k < 2
		}
	}
}

const hs = `[ \t\x{a0}\x{202f}]` // spaces, never a line break

var (
	// The date patterns are anchored and tried at a run of digits (see
	// scanNumbers). The month is matched as any short word and checked
	// against the month names afterwards: cheaper than an alternation.
	// "19 novembre 2022", "1er novembre", "14 February 2022", "3 oct. 2022".
	reDayMonth = regexp.MustCompile(`^(1er|1re|1ER|\d{1,2})(?:st|nd|rd|th)?` + hs + `+(?:of` + hs + `+)?(\pL{3,9})(\.)?(?:,?` + hs + `+(\d{4}))?`)
	// "February 14, 2022", "June 6th".
	reMonthDay = regexp.MustCompile(`^(\pL{3,9})(\.)?` + hs + `+(\d{1,2})(?:st|nd|rd|th)?(?:,?` + hs + `+(\d{4}))?`)
	// "02/11/2022", "02.11.22", "30/09".
	reNumeric = regexp.MustCompile(`^(\d{1,2})([/.\-])(\d{1,2})(?:([/.\-])(\d{4}|\d{2}))?`)
	// "2022-11-02".
	reISO = regexp.MustCompile(`^(\d{4})([-/])(\d{2})([-/])(\d{2})`)
)

// group returns submatch k of m in text, or "" when it did not take part.
func group(text string, m []int, k int) string {
	if m[2*k] < 0 {
		return ""
	}
	return text[m[2*k]:m[2*k+1]]
}

// weekdayBefore finds a weekday written right before byte offset s
// ("samedi 19 novembre", "lun. 3 oct.", "Monday, 7 November"): its start
// and the weekday, or s and -1. Abbreviations need their dot or comma:
// "mon" and "mer" are French words.
func weekdayBefore(text string, s int) (int, int) {
	k := s
	for k > 0 && s-k < 4 && (text[k-1] == ' ' || text[k-1] == '\t') {
		k--
	}
	if k == s {
		return s, -1
	}
	punct := false
	if k > 0 && (text[k-1] == ',' || text[k-1] == '.') {
		k--
		punct = true
		if k > 0 && text[k-1] == '.' {
			k--
		}
	}
	end := k
	for end-k < 9 && k > 0 && isASCIILetter(text[k-1]) {
		k--
	}
	if k == end || isWordRune(runeBefore(text, k)) {
		return s, -1
	}
	w := strings.ToLower(text[k:end])
	d, ok := dayForms[w]
	if !ok || (!fullDay[w] && !punct) {
		return s, -1
	}
	return k, int(d)
}

// tryDates tries the date shapes at the run of digits text[i:j].
func tryDates(text string, i, j int, ref time.Time, add func(candidate)) {
	emit := func(s, e, y int, m time.Month, d int) {
		s, wd := weekdayBefore(text, s)
		if !bounded(text, s, e) {
			return
		}
		v, ok := resolveDate(y, m, d, wd, ref)
		if !ok {
			return // 31/02 is no date at all
		}
		add(candidate{Entity{Kind: Date, Text: text[s:e], Value: v, Start: s, End: e}, prioDate})
	}
	n := j - i
	next := byte(0)
	if j < len(text) {
		next = text[j]
	}
	switch {
	case n <= 2 && (next == '/' || next == '.' || next == '-'):
		m := matchAt(reNumeric, text, i)
		if m == nil || chained(text, m[0], m[1]) || isReference(text, m[0]) {
			break
		}
		day, sep1, month, sep2, year := group(text, m, 1), group(text, m, 2), group(text, m, 3), group(text, m, 4), group(text, m, 5)
		y := 0
		if year == "" {
			// Without a year only "30/09" is a date; "3.10" is a number,
			// "1/2" a half and "12-15" a range.
			if sep1 != "/" || len(month) != 2 {
				break
			}
		} else {
			if sep1 != sep2 {
				break
			}
			y = atoiOr(year, 0)
			if len(year) == 2 {
				// Two-digit years: 00–69 are this century, 70–99 the
				// last (birth dates).
				if y < 70 {
					y += 2000
				} else {
					y += 1900
				}
			}
		}
		emit(m[0], m[1], y, time.Month(atoiOr(month, 0)), atoiOr(day, 0))
	case n == 4 && (next == '-' || next == '/'):
		m := matchAt(reISO, text, i)
		if m == nil || group(text, m, 2) != group(text, m, 4) || chained(text, m[0], m[1]) || isReference(text, m[0]) {
			break
		}
		emit(m[0], m[1], atoiOr(group(text, m, 1), 0), time.Month(atoiOr(group(text, m, 3), 0)), atoiOr(group(text, m, 5), 0))
	case n <= 2:
		if m := dayMonthAt(text, i, j); m != nil {
			day, month, dot, year := group(text, m, 1), group(text, m, 2), group(text, m, 3), group(text, m, 4)
			mon, ok := monthOf(month, dot != "" || year != "")
			if ok && !isWordRune(runeAt(text, m[5])) {
				d, _ := strconv.Atoi(strings.TrimRight(day, "erER"))
				end := m[1]
				if dot != "" && year == "" && !monthAbbr[fold(month)] {
					end = m[6] // "le 1er novembre." — the full stop ends the sentence
				}
				emit(m[0], end, atoiOr(year, 0), mon, d)
				return
			}
		}
		// "February 14": an English month name before the day.
		if s := wordBefore(text, i); s >= 0 {
			m := matchAt(reMonthDay, text, s)
			if m == nil || m[6] != i {
				return
			}
			month, dot, day, year := group(text, m, 1), group(text, m, 2), group(text, m, 3), group(text, m, 4)
			// "may" is first an English verb: only "May 6" counts.
			if !englishMonth[fold(month)] || (fold(month) == "may" && month[0] != 'M') {
				return
			}
			if mon, ok := monthOf(month, dot != "" || year != ""); ok {
				emit(m[0], m[1], atoiOr(year, 0), mon, atoiOr(day, 0))
			}
		}
	}
}

// monthMayFollow is a cheap test before the day-month pattern: after the
// day ("19", "1er", "14th"), spaces then a letter. It works on bytes and
// lets through any byte of the no-break spaces (C2 A0, E2 80 AF) and any
// non-ASCII letter; the pattern decides.
func monthMayFollow(text string, j int) bool {
	k := j
	for k < len(text) && k-j < 2 && 'a' <= text[k] && text[k] <= 'z' {
		k++
	}
	sp := k
	for k < len(text) && k-sp < 8 && (text[k] == ' ' || text[k] == '\t' || text[k] == 0xc2 || text[k] == 0xa0 || text[k] == 0xe2 || text[k] == 0x80 || text[k] == 0xaf) {
		k++
	}
	return k > sp && k < len(text) && (isASCIILetter(text[k]) || text[k] >= 0xc3)
}

// wordBefore returns where the word before offset i starts when only
// spaces (and the dot of an abbreviation) separate it from i, else -1.
func wordBefore(text string, i int) int {
	k := i
	for spaces := 0; k > 0 && spaces < 4; spaces++ {
		r, n := utf8.DecodeLastRuneInString(text[:k])
		if r != ' ' && r != '\t' && r != '\u00a0' && r != '\u202f' {
			break
		}
		k -= n
	}
	if k == i {
		return -1
	}
	if k > 0 && text[k-1] == '.' {
		k--
	}
	end := k
	for letters := 0; k > 0 && letters < 10; letters++ {
		r, n := utf8.DecodeLastRuneInString(text[:k])
		if !unicode.IsLetter(r) {
			break
		}
		k -= n
	}
	if k == end {
		return -1
	}
	return k
}

// isReference reports whether the digits at i follow a number sign ("n°
// 12/05", "réf. 2022-11-02"): a reference, not a date.
func isReference(text string, i int) bool {
	ctx := strings.TrimRight(lineBefore(text, i, 14), " \t.:")
	for _, w := range []string{"n°", "nº", "no", "numero", "ref", "reference"} {
		// A whole word: "casino 12/05" is a date.
		if strings.HasSuffix(ctx, w) && !isWordRune(runeBefore(ctx, len(ctx)-len(w))) {
			return true
		}
	}
	return false
}

func atoiOr(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}

// monthOf reads a month name; an abbreviation counts only when confirmed
// (its dot, or a year after it).
func monthOf(name string, confirmed bool) (time.Month, bool) {
	f := fold(name)
	m, ok := monthForms[f]
	if !ok {
		return 0, false
	}
	if monthAbbr[f] && !confirmed {
		return 0, false
	}
	return m, true
}

// valid reports whether y-m-d is a real calendar day.
func valid(y int, m time.Month, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && t.Month() == m
}

// resolveDate gives the ISO value of a date. y is 0 when no year was
// written; wd is the written weekday or -1. ok is false when the day does
// not exist (31/02, 29/02/2023). An unresolved year gives ok with an empty
// value: the text is a date, only its year is unknown.
//
// The rule for a date without a year, from a reference day ref (the day the
// message was received):
//   - the candidates are the same day and month in ref's year, the year
//     before and the year after, kept when they exist (29 February);
//   - with a weekday written ("samedi 19 novembre"), the candidate closest
//     to ref whose weekday matches wins, so a writer who names the weekday
//     is believed up to a year away;
//   - otherwise, or when no candidate has that weekday (the writer
//     mistook one of the two), the candidate closest to ref wins; it is
//     always within about six months of ref. Ties go to the past, which
//     messages mostly talk about.
//
// A zero ref leaves such dates unresolved.
func resolveDate(y int, m time.Month, d, wd int, ref time.Time) (string, bool) {
	if y != 0 {
		if y < 1900 || y > 2100 || !valid(y, m, d) {
			return "", false
		}
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), true
	}
	if m < 1 || m > 12 || d < 1 || d > 31 || !valid(2024, m, d) { // 2024 is a leap year
		return "", false
	}
	if ref.IsZero() {
		return "", true
	}
	r := time.Date(ref.Year(), ref.Month(), ref.Day(), 0, 0, 0, 0, time.UTC)
	var best, bestWd time.Time
	bestDist, bestWdDist := time.Duration(-1), time.Duration(-1)
	for yy := ref.Year() - 1; yy <= ref.Year()+1; yy++ {
		if !valid(yy, m, d) {
			continue
		}
		t := time.Date(yy, m, d, 0, 0, 0, 0, time.UTC)
		dist := t.Sub(r)
		if dist < 0 {
			dist = -dist
		}
		// Strict comparison and ascending years: ties keep the past.
		if bestDist < 0 || dist < bestDist {
			best, bestDist = t, dist
		}
		if wd >= 0 && int(t.Weekday()) == wd && (bestWdDist < 0 || dist < bestWdDist) {
			bestWd, bestWdDist = t, dist
		}
	}
	if bestWdDist >= 0 {
		return bestWd.Format("2006-01-02"), true
	}
	if bestDist < 0 {
		return "", true // 29 February with no leap year around ref
	}
	return best.Format("2006-01-02"), true
}

func dayMonthAt(text string, i, j int) []int {
	if !monthMayFollow(text, j) {
		return nil
	}
	return matchAt(reDayMonth, text, i)
}
