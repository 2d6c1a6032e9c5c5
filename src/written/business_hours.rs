//! Business hours: how long a written message waited for its reply, counting only the hours the help
//! desk is open (Monday to Saturday, 08:00 to 18:00 in America/Lima, Peru's public holidays off). The
//! calendar is data: the written rubric's `[business_hours]` table gives the time zone, the opening
//! and closing times, the working weekdays and the holidays, so a new decree (a "día no laborable")
//! is a line in the rubric, not a change here.
//!
//! A wait is the sum, over the days between the two instants, of each working day's overlap with the
//! open hours. A message sent on Saturday at 17:30 and answered on Monday at 08:30 waited one hour.

use std::collections::BTreeSet;

use jiff::Timestamp;
use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;

/// When the help desk is open.
#[derive(Debug, Clone)]
pub struct BusinessCalendar {
    pub time_zone: TimeZone,
    pub opens: Time,
    pub closes: Time,
    /// The working weekdays.
    pub weekdays: Vec<Weekday>,
    /// Days off on a working weekday (public holidays, non-working days decreed for the public sector).
    pub holidays: BTreeSet<Date>,
}

impl BusinessCalendar {
    /// The SIAGIE help desk's hours, with the given holidays: Monday to Saturday, 08:00-18:00, Lima.
    pub fn siagie(holidays: impl IntoIterator<Item = Date>) -> BusinessCalendar {
        BusinessCalendar {
            time_zone: TimeZone::get("America/Lima").unwrap_or(TimeZone::UTC),
            opens: Time::constant(8, 0, 0, 0),
            closes: Time::constant(18, 0, 0, 0),
            weekdays: vec![
                Weekday::Monday,
                Weekday::Tuesday,
                Weekday::Wednesday,
                Weekday::Thursday,
                Weekday::Friday,
                Weekday::Saturday,
            ],
            holidays: holidays.into_iter().collect(),
        }
    }

    /// Whether `date` is a working day (a working weekday and no holiday).
    pub fn is_working_day(&self, date: Date) -> bool {
        self.weekdays.contains(&date.weekday()) && !self.holidays.contains(&date)
    }

    /// Whether the help desk is open at `at`.
    pub fn is_open(&self, at: Timestamp) -> bool {
        let local = at.to_zoned_datetime(self.time_zone.clone()).datetime();
        self.is_working_day(local.date())
            && local.time() >= self.opens
            && local.time() < self.closes
    }

    /// Seconds of business time between `from` and `to` (0 when `to` is not after `from`).
    pub fn business_seconds(&self, from: Timestamp, to: Timestamp) -> i64 {
        if to <= from {
            return 0;
        }
        let first = from.to_zoned_datetime(self.time_zone.clone()).date();
        let last = to.to_zoned_datetime(self.time_zone.clone()).date();
        let mut total = 0;
        let mut day = first;
        while day <= last {
            if self.is_working_day(day)
                && let (Some(open), Some(close)) = (
                    self.instant(day, self.opens),
                    self.instant(day, self.closes),
                )
            {
                let start = open.max(from);
                let end = close.min(to);
                if end > start {
                    total += end.as_second() - start.as_second();
                }
            }
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        total
    }

    /// Business hours between `from` and `to`, rounded to the hundredth.
    pub fn business_hours(&self, from: Timestamp, to: Timestamp) -> f64 {
        (self.business_seconds(from, to) as f64 / 36.0).round() / 100.0
    }

    fn instant(&self, day: Date, time: Time) -> Option<Timestamp> {
        day.to_datetime(time)
            .to_zoned_datetime(self.time_zone.clone())
            .ok()
            .map(|z| z.timestamp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lima(text: &str) -> Timestamp {
        // "2026-11-07 17:30" in Lima (UTC-5, no daylight saving).
        let dt: jiff::civil::DateTime = text.replace(' ', "T").parse().unwrap();
        dt.to_zoned_datetime(TimeZone::get("America/Lima").unwrap())
            .unwrap()
            .timestamp()
    }

    fn calendar() -> BusinessCalendar {
        // Tuesday 8 December 2026 (Inmaculada Concepción) and Wednesday 9 December (Batalla de
        // Ayacucho) are public holidays.
        BusinessCalendar::siagie([
            jiff::civil::date(2026, 12, 8),
            jiff::civil::date(2026, 12, 9),
        ])
    }

    #[test]
    fn within_one_working_day_it_is_the_clock_time() {
        let c = calendar();
        assert_eq!(
            c.business_seconds(lima("2026-11-05 09:15"), lima("2026-11-05 11:45")),
            9000
        );
        assert_eq!(
            c.business_hours(lima("2026-11-05 09:15"), lima("2026-11-05 11:45")),
            2.5
        );
    }

    #[test]
    fn after_hours_messages_wait_from_the_next_opening() {
        let c = calendar();
        // Thursday 21:40 -> Friday 09:00: one hour (the night does not count).
        assert_eq!(
            c.business_hours(lima("2026-11-05 21:40"), lima("2026-11-06 09:00")),
            1.0
        );
        // Before opening: 06:10 -> 08:30 is 30 minutes.
        assert_eq!(
            c.business_hours(lima("2026-11-06 06:10"), lima("2026-11-06 08:30")),
            0.5
        );
        // Sent and answered outside the hours of the same night: no business time at all.
        assert_eq!(
            c.business_seconds(lima("2026-11-05 19:00"), lima("2026-11-05 23:00")),
            0
        );
    }

    #[test]
    fn sunday_does_not_count_but_saturday_does() {
        let c = calendar();
        // Saturday 17:30 -> Monday 08:30: 30 min on Saturday, Sunday off, 30 min on Monday.
        assert_eq!(
            c.business_hours(lima("2026-11-07 17:30"), lima("2026-11-09 08:30")),
            1.0
        );
        // Friday 16:00 -> Monday 10:00: 2 h Friday + 10 h Saturday + 2 h Monday.
        assert_eq!(
            c.business_hours(lima("2026-11-06 16:00"), lima("2026-11-09 10:00")),
            14.0
        );
    }

    #[test]
    fn holidays_do_not_count() {
        let c = calendar();
        // Monday 7 Dec 17:00 -> Thursday 10 Dec 09:00: 1 h Monday, two holidays, 1 h Thursday.
        assert_eq!(
            c.business_hours(lima("2026-12-07 17:00"), lima("2026-12-10 09:00")),
            2.0
        );
        // A message written on the holiday itself waits from the next working day's opening.
        assert_eq!(
            c.business_hours(lima("2026-12-08 10:00"), lima("2026-12-10 08:15")),
            0.25
        );
        assert!(!c.is_open(lima("2026-12-08 10:00")));
        assert!(c.is_open(lima("2026-12-10 10:00")));
    }

    #[test]
    fn an_answer_before_the_message_is_no_time() {
        let c = calendar();
        assert_eq!(
            c.business_seconds(lima("2026-11-06 10:00"), lima("2026-11-06 09:00")),
            0
        );
    }
}
