package strictyaml

import (
	"fmt"
	"time"
)

// Date is a calendar date written YYYY-MM-DD: midnight UTC at its start, so
// the time.Time methods (Before, Sub, Format) work on it. The zero Date
// means the key was absent.
type Date struct {
	time.Time
}

// ParseDate reads a date written exactly as YYYY-MM-DD. It rejects other
// layouts and days that do not exist, such as 2026-02-30.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != len(time.DateOnly) {
		return Date{}, fmt.Errorf("want a date like 2026-11-24, found %q", s)
	}
	return Date{t}, nil
}

// NewDate returns the date of year, month and day.
func NewDate(year int, month time.Month, day int) Date {
	return Date{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// String returns d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}
