//! Placing a [`RelativeDate`] on the calendar.
//!
//! Calendar arithmetic (leap years, month lengths, weekdays) is done by
//! `jiff::civil::Date`; this module only decides which day, month or year
//! an expression means, and how precise the answer may honestly be.

use jiff::civil::{Date, Weekday as JiffWeekday};

use super::{PartialDate, RelativeDate, Weekday};

/// How many days after the reference date a month-day without a year may
/// fall and still be read in the reference's year ("the talks on Feb. 1" in
/// an article of Jan. 28). Further ahead, news means the past: the same
/// date a year earlier.
pub const FUTURE_WINDOW_DAYS: i64 = 7;

/// How many years back a month-day may go to find a valid date (only Feb. 29
/// ever needs more than one).
const LEAP_SEARCH_YEARS: i16 = 8;

/// The calendar date `value` means, read against `reference` (the
/// article's date), as precise as the text allows.
///
/// Dates that carry their own year ("March 3, 2025", "in 2025") resolve
/// without a reference. Everything else needs one: `None` when it is
/// missing or too coarse (a weekday against a reference known only to the
/// month), and `None` for a week that straddles two years.
pub fn resolve(value: &RelativeDate, reference: Option<PartialDate>) -> Option<PartialDate> {
    match *value {
        RelativeDate::Date { year, month, day } => civil(year, month, day).map(day_of),
        RelativeDate::YearMonth { year, month } => {
            civil(year, month, 1).map(|_| PartialDate::Month { year, month })
        }
        RelativeDate::Year(year) => civil(year, 1, 1).map(|_| PartialDate::Year { year }),
        _ => resolve_relative(value, reference?),
    }
}

fn resolve_relative(value: &RelativeDate, reference: PartialDate) -> Option<PartialDate> {
    let (year, month) = match valid(reference)? {
        PartialDate::Day { year, month, .. } | PartialDate::Month { year, month } => {
            (year, Some(month))
        }
        PartialDate::Year { year } => (year, None),
    };
    match *value {
        RelativeDate::ThisYear => Some(PartialDate::Year { year }),
        RelativeDate::LastYear => {
            let year = year.checked_sub(1)?;
            civil(year, 1, 1).map(|_| PartialDate::Year { year })
        }
        RelativeDate::ThisMonth => Some(PartialDate::Month {
            year,
            month: month?,
        }),
        RelativeDate::LastMonth => month_before(civil(year, month?, 1)?),
        RelativeDate::Month { month: m, last } => {
            let reference_month = month?;
            let this_year = m < reference_month || (m == reference_month && !last);
            let year = if this_year {
                year
            } else {
                year.checked_sub(1)?
            };
            civil(year, m, 1).map(|_| PartialDate::Month { year, month: m })
        }
        _ => {
            let PartialDate::Day { year, month, day } = reference else {
                return None;
            };
            resolve_against_day(value, civil(year, month, day)?)
        }
    }
}

/// Expressions that need the reference day itself.
fn resolve_against_day(value: &RelativeDate, reference: Date) -> Option<PartialDate> {
    match *value {
        RelativeDate::Today => Some(day_of(reference)),
        RelativeDate::Yesterday => days_before(reference, 1).map(day_of),
        RelativeDate::DaysAgo(n) => days_before(reference, i64::from(n)).map(day_of),
        RelativeDate::Weekday { day, last } => {
            let mut back = i64::from(reference.weekday().since(jiff_weekday(day)));
            if back == 0 && last {
                back = 7;
            }
            days_before(reference, back).map(day_of)
        }
        RelativeDate::ThisWeek => {
            let monday = monday_of(reference)?;
            period_of(monday, reference)
        }
        RelativeDate::LastWeek => {
            let monday = monday_of(reference)?;
            period_of(days_before(monday, 7)?, days_before(monday, 1)?)
        }
        RelativeDate::MonthDay { month, day } => month_day_near(reference, month, day),
        _ => None,
    }
}

/// The most recent `month`-`day` on or before `reference`, or the one just
/// after it within [`FUTURE_WINDOW_DAYS`].
fn month_day_near(reference: Date, month: u8, day: u8) -> Option<PartialDate> {
    let latest = days_after(reference, FUTURE_WINDOW_DAYS).unwrap_or(Date::MAX);
    let top = reference.year().saturating_add(1);
    let bottom = reference.year().saturating_sub(LEAP_SEARCH_YEARS);
    (bottom..=top)
        .rev()
        .filter_map(|year| civil(year, month, day))
        .find(|date| *date <= latest)
        .map(day_of)
}

/// The month before the one `first` lies in.
fn month_before(first: Date) -> Option<PartialDate> {
    let prev = days_before(first.first_of_month(), 1)?;
    Some(PartialDate::Month {
        year: prev.year(),
        month: prev.month().unsigned_abs(),
    })
}

/// The narrowest month or year holding every day from `first` to `last`. A
/// period of days is never reported as one of its days.
fn period_of(first: Date, last: Date) -> Option<PartialDate> {
    if first.year() != last.year() {
        return None;
    }
    if first.month() != last.month() {
        return Some(PartialDate::Year { year: first.year() });
    }
    Some(PartialDate::Month {
        year: first.year(),
        month: first.month().unsigned_abs(),
    })
}

/// The Monday starting the ISO week of `date`.
fn monday_of(date: Date) -> Option<Date> {
    days_before(date, i64::from(date.weekday().to_monday_zero_offset()))
}

fn days_before(date: Date, days: i64) -> Option<Date> {
    date.checked_sub(jiff::Span::new().try_days(days).ok()?)
        .ok()
}

fn days_after(date: Date, days: i64) -> Option<Date> {
    date.checked_add(jiff::Span::new().try_days(days).ok()?)
        .ok()
}

/// `date` when it names a real day, month or year.
fn valid(date: PartialDate) -> Option<PartialDate> {
    let (year, month, day) = match date {
        PartialDate::Day { year, month, day } => (year, month, day),
        PartialDate::Month { year, month } => (year, month, 1),
        PartialDate::Year { year } => (year, 1, 1),
    };
    civil(year, month, day).map(|_| date)
}

/// A valid calendar date, or `None`.
fn civil(year: i16, month: u8, day: u8) -> Option<Date> {
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

fn day_of(date: Date) -> PartialDate {
    PartialDate::Day {
        year: date.year(),
        month: date.month().unsigned_abs(),
        day: date.day().unsigned_abs(),
    }
}

fn jiff_weekday(day: Weekday) -> JiffWeekday {
    match day {
        Weekday::Monday => JiffWeekday::Monday,
        Weekday::Tuesday => JiffWeekday::Tuesday,
        Weekday::Wednesday => JiffWeekday::Wednesday,
        Weekday::Thursday => JiffWeekday::Thursday,
        Weekday::Friday => JiffWeekday::Friday,
        Weekday::Saturday => JiffWeekday::Saturday,
        Weekday::Sunday => JiffWeekday::Sunday,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i16, month: u8, day: u8) -> PartialDate {
        PartialDate::Day { year, month, day }
    }

    /// Wednesday, 28 January 2026.
    const WED: Option<PartialDate> = Some(PartialDate::Day {
        year: 2026,
        month: 1,
        day: 28,
    });

    fn weekday(day: Weekday, last: bool) -> RelativeDate {
        RelativeDate::Weekday { day, last }
    }

    #[test]
    fn weekdays_count_back_to_the_most_recent_one() {
        assert_eq!(
            resolve(&weekday(Weekday::Tuesday, false), WED),
            Some(day(2026, 1, 27))
        );
        assert_eq!(
            resolve(&weekday(Weekday::Thursday, false), WED),
            Some(day(2026, 1, 22))
        );
        assert_eq!(resolve(&weekday(Weekday::Wednesday, false), WED), WED);
        assert_eq!(
            resolve(&weekday(Weekday::Wednesday, true), WED),
            Some(day(2026, 1, 21))
        );
    }

    #[test]
    fn weeks_report_the_narrowest_period_holding_them() {
        // Last week of Wed 28 Jan 2026 is Mon 19 .. Sun 25 Jan.
        let jan = Some(PartialDate::Month {
            year: 2026,
            month: 1,
        });
        assert_eq!(resolve(&RelativeDate::LastWeek, WED), jan);
        // Of Tue 3 Feb 2026: Mon 26 Jan .. Sun 1 Feb.
        assert_eq!(
            resolve(&RelativeDate::LastWeek, Some(day(2026, 2, 3))),
            Some(PartialDate::Year { year: 2026 })
        );
        // Of Wed 7 Jan 2026: Mon 29 Dec 2025 .. Sun 4 Jan 2026.
        assert_eq!(
            resolve(&RelativeDate::LastWeek, Some(day(2026, 1, 7))),
            None
        );
        // This week on a Monday is still a week, not a day.
        assert_eq!(
            resolve(&RelativeDate::ThisWeek, Some(day(2026, 1, 26))),
            jan
        );
    }

    #[test]
    fn month_days_prefer_the_past_except_just_ahead() {
        let md = |month, day| RelativeDate::MonthDay { month, day };
        assert_eq!(resolve(&md(1, 9), WED), Some(day(2026, 1, 9)));
        assert_eq!(resolve(&md(1, 28), WED), WED);
        assert_eq!(resolve(&md(2, 4), WED), Some(day(2026, 2, 4)));
        assert_eq!(resolve(&md(2, 5), WED), Some(day(2025, 2, 5)));
        assert_eq!(resolve(&md(12, 30), WED), Some(day(2025, 12, 30)));
        assert_eq!(
            resolve(&md(1, 2), Some(day(2025, 12, 30))),
            Some(day(2026, 1, 2))
        );
        assert_eq!(resolve(&md(2, 29), WED), Some(day(2024, 2, 29)));
    }

    #[test]
    fn months_and_years() {
        let month = |month, last| RelativeDate::Month { month, last };
        let m = |year, month| Some(PartialDate::Month { year, month });
        assert_eq!(resolve(&RelativeDate::LastMonth, WED), m(2025, 12));
        assert_eq!(resolve(&RelativeDate::ThisMonth, WED), m(2026, 1));
        assert_eq!(resolve(&month(1, false), WED), m(2026, 1));
        assert_eq!(resolve(&month(1, true), WED), m(2025, 1));
        assert_eq!(resolve(&month(3, false), WED), m(2025, 3));
        assert_eq!(
            resolve(&RelativeDate::LastYear, WED),
            Some(PartialDate::Year { year: 2025 })
        );
    }

    #[test]
    fn coarse_or_missing_reference() {
        let coarse = Some(PartialDate::Month {
            year: 2026,
            month: 1,
        });
        assert_eq!(resolve(&RelativeDate::Yesterday, coarse), None);
        assert_eq!(
            resolve(&RelativeDate::LastMonth, coarse),
            Some(PartialDate::Month {
                year: 2025,
                month: 12
            })
        );
        assert_eq!(resolve(&RelativeDate::Today, None), None);
        assert_eq!(
            resolve(
                &RelativeDate::Date {
                    year: 2025,
                    month: 3,
                    day: 3
                },
                None
            ),
            Some(day(2025, 3, 3))
        );
        assert_eq!(
            resolve(
                &RelativeDate::Date {
                    year: 2025,
                    month: 2,
                    day: 29
                },
                None
            ),
            None
        );
    }

    #[test]
    fn arithmetic_at_the_edges_of_the_calendar_is_none_not_a_panic() {
        let earliest = Some(day(-9999, 1, 1));
        assert_eq!(resolve(&RelativeDate::Yesterday, earliest), None);
        assert_eq!(resolve(&RelativeDate::LastYear, earliest), None);
        assert_eq!(resolve(&RelativeDate::LastMonth, earliest), None);
        let latest = Some(day(9999, 12, 31));
        assert_eq!(
            resolve(&RelativeDate::MonthDay { month: 12, day: 31 }, latest),
            latest
        );
        assert_eq!(resolve(&RelativeDate::Today, Some(day(2026, 13, 1))), None);
    }
}
