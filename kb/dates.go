package kb

import (
	"strconv"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/fr"
)

// ReplyDelay is the audit's commitment: an answer within 5 business days.
const ReplyDelay = 5

var businessDays = func() *cal.BusinessCalendar {
	c := cal.NewBusinessCalendar()
	c.AddHoliday(fr.Holidays...)
	return c
}()

// AddBusinessDays returns the day n business days after from, skipping
// weekends and French public holidays.
func AddBusinessDays(from time.Time, n int) time.Time {
	return businessDays.WorkdaysFrom(Day(from), n)
}

// IsBusinessDay reports whether t falls on a business day (not a weekend,
// not a French public holiday).
func IsBusinessDay(t time.Time) bool { return businessDays.IsWorkday(Day(t)) }

// BusinessDaysBetween counts the business days after from up to and
// including to.
func BusinessDaysBetween(from, to time.Time) int {
	from, to = Day(from), Day(to)
	if !to.After(from) {
		return 0
	}
	return businessDays.WorkdaysInRange(from.AddDate(0, 0, 1), to)
}

var frMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin",
	"juillet", "août", "septembre", "octobre", "novembre", "décembre"}
var frDays = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}

// FrenchDate writes a day as a letter does: « mardi 1er décembre 2026 ».
func FrenchDate(t time.Time) string {
	d := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		d = "1er"
	}
	return frDays[t.Weekday()] + " " + d + " " + frMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
}
