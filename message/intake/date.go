package intake

import (
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

var (
	timeRe    = regexp.MustCompile(`(?i)\b(\d{1,2})[:h](\d{2})(?::(\d{2}))?(?:\s*(am|pm)\b)?`)
	numDateRe = regexp.MustCompile(`\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b`)
	isoDateRe = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	rfcZoneRe = regexp.MustCompile(`\d:\d\d(?::\d\d)? (?:[+-]\d{4}|GMT|UT|UTC|[ECMP][SD]T)\b`)
)

// parseLooseDate reads a date as mail clients write it in a header block,
// in French or English: "mardi 18 octobre 2022 14:26", "lun. 3 oct. 2022 à
// 18:22", "Tuesday, October 18, 2022 2:26 PM", "18/10/2022 14:26",
// "Tue, 18 Oct 2022 14:26:00 +0200". It returns the zero time when it cannot
// tell the day for sure. Times without a zone are taken as local time, the
// agent's, which is what "days since the first message" needs.
func parseLooseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if len(s) < 6 || len(s) > 200 || !strings.ContainsAny(s, "0123456789") {
		return time.Time{}
	}
	// net/mail tries many layouts and allocates an error for each miss: ask
	// it only about dates that carry a zone, as RFC 5322 ones do.
	if rfcZoneRe.MatchString(s) {
		if t, err := mail.ParseDate(s); err == nil {
			return t
		}
	}
	hour, minute, sec := 0, 0, 0
	if m := timeRe.FindStringSubmatchIndex(s); m != nil {
		hour, _ = strconv.Atoi(s[m[2]:m[3]])
		minute, _ = strconv.Atoi(s[m[4]:m[5]])
		if m[6] >= 0 {
			sec, _ = strconv.Atoi(s[m[6]:m[7]])
		}
		if m[8] >= 0 {
			pm := strings.EqualFold(s[m[8]:m[9]], "pm")
			switch {
			case pm && hour < 12:
				hour += 12
			case !pm && hour == 12:
				hour = 0
			}
		}
		s = s[:m[0]] + " " + s[m[1]:]
	}
	if hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}
	}
	var y, mo, d int
	if m := isoDateRe.FindStringSubmatch(s); m != nil {
		y, _ = strconv.Atoi(m[1])
		mo, _ = strconv.Atoi(m[2])
		d, _ = strconv.Atoi(m[3])
	} else if m := numDateRe.FindStringSubmatch(s); m != nil {
		d, _ = strconv.Atoi(m[1]) // day first: French, and British English
		mo, _ = strconv.Atoi(m[2])
		y, _ = strconv.Atoi(m[3])
	} else {
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			switch n, err := strconv.Atoi(w); {
			case w == "1er" && d == 0:
				d = 1
			case err != nil:
				// the last month name wins: in "mar. 18 oct." the first is Tuesday
				if k, ok := monthNames[w]; ok {
					mo = k
				}
			case len(w) == 4 && y == 0:
				y = n
			case len(w) <= 2 && d == 0 && n >= 1:
				d = n
			}
		}
	}
	if y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}
	}
	t := time.Date(y, time.Month(mo), d, hour, minute, sec, 0, time.Local)
	if t.Day() != d { // 31 février
		return time.Time{}
	}
	return t
}

var monthNames = map[string]int{
	"janvier": 1, "janv": 1, "jan": 1, "january": 1,
	"février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "fev": 2, "feb": 2, "february": 2,
	"mars": 3, "mar": 3, "march": 3,
	"avril": 4, "avr": 4, "apr": 4, "april": 4,
	"mai": 5, "may": 5,
	"juin": 6, "jun": 6, "june": 6,
	"juillet": 7, "juil": 7, "jul": 7, "july": 7,
	"août": 8, "aout": 8, "aug": 8, "august": 8,
	"septembre": 9, "sept": 9, "sep": 9, "september": 9,
	"octobre": 10, "oct": 10, "october": 10,
	"novembre": 11, "nov": 11, "november": 11,
	"décembre": 12, "decembre": 12, "déc": 12, "dec": 12, "december": 12,
}
