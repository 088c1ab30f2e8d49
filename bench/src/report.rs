//! The table every figure ends up in.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

/// The median of `times` (the mean of the middle two for an even count).
pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    let middle = times.len() / 2;
    if times.len() % 2 == 0 {
        (times[middle - 1] + times[middle]) / 2
    } else {
        times[middle]
    }
}

/// `time` in milliseconds.
pub fn millis(time: Duration) -> f64 {
    time.as_secs_f64() * 1e3
}

/// The kernel's clock ticks per second (`getconf CLK_TCK`; 100 on Linux),
/// the unit of `/proc/PID/stat`'s times.
pub fn clock_ticks_per_second() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|output| String::from_utf8(output.stdout).ok())
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(100.0)
}

/// The sum of the fields `numbers` (as proc(5) numbers them: `utime` is
/// 14) of a `/proc/PID/stat` line. The command name (field 2) may hold
/// spaces, so fields are counted after its closing parenthesis, from 3.
pub fn stat_fields(stat: &str, numbers: &[usize]) -> Option<f64> {
    let after_name = stat.get(stat.rfind(')')? + 1..)?;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    numbers
        .iter()
        .map(|number| fields.get(number.checked_sub(3)?)?.parse::<f64>().ok())
        .sum()
}

/// The median of `values` and their lowest and highest (sorts them).
pub fn median_and_range(values: &mut [f64]) -> (f64, f64, f64) {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    let median = if values.len() % 2 == 0 {
        (values[middle - 1] + values[middle]) / 2.0
    } else {
        values[middle]
    };
    (median, values[0], values[values.len() - 1])
}

/// The rounds' ratios, as a list for a note.
pub fn listed(values: &[f64]) -> String {
    values
        .iter()
        .map(|value| format!("{value:.3}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The ratios of several rounds, summed up: the median, the range, and the
/// spread (the range over the median, in per cent).
pub struct Rounds {
    pub median: f64,
    pub low: f64,
    pub high: f64,
    pub spread: f64,
    /// The ratios in the order the rounds ran.
    pub listed: String,
    pub count: usize,
}

impl Rounds {
    pub fn of(mut ratios: Vec<f64>) -> Rounds {
        let listed = listed(&ratios);
        let (median, low, high) = median_and_range(&mut ratios);
        Rounds {
            median,
            low,
            high,
            spread: (high - low) / median * 100.0,
            listed,
            count: ratios.len(),
        }
    }

    /// `0.860 (rounds 0.847–0.862, spread 1.8 % over 9 rounds)`.
    pub fn measured(&self) -> String {
        format!(
            "{:.3} (rounds {:.3}–{:.3}, spread {:.1} % over {} rounds)",
            self.median, self.low, self.high, self.spread, self.count
        )
    }
}

/// One figure: what was measured, the result, the target, and whether it was met.
pub struct Figure {
    pub name: String,
    pub measured: String,
    pub target: String,
    pub met: Option<bool>,
    pub note: String,
}

#[derive(Default)]
pub struct Report {
    figures: Vec<Figure>,
}

impl Report {
    pub fn add(
        &mut self,
        name: &str,
        measured: String,
        target: &str,
        met: Option<bool>,
        note: String,
    ) {
        println!("{name}: {measured} (target {target})");
        self.figures.push(Figure {
            name: name.to_owned(),
            measured,
            target: target.to_owned(),
            met,
            note,
        });
    }

    pub fn render(&self) -> String {
        let mut text = format!(
            "# cashflows benchmark report\n\nMachine: {} cores, {} of memory. Every figure is a ratio of two runs made side by side.\n\n",
            std::thread::available_parallelism().map_or(0, |n| n.get()),
            memory()
        );
        text.push_str("| figure | measured | target | met | notes |\n|---|---|---|---|---|\n");
        for figure in &self.figures {
            let met = match figure.met {
                Some(true) => "yes",
                Some(false) => "**no**",
                None => "n/a",
            };
            text.push_str(&format!(
                "| {} | {} | {} | {met} | {} |\n",
                figure.name, figure.measured, figure.target, figure.note
            ));
        }
        text
    }

    pub fn write(&self, table: &str) -> std::io::Result<PathBuf> {
        let target = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target");
        std::fs::create_dir_all(&target)?;
        let name = if self
            .figures
            .iter()
            .any(|f| f.name.starts_with("build cost"))
        {
            "bench-build-cost.md"
        } else {
            "bench-report.md"
        };
        let path = target.join(name);
        std::fs::write(&path, table)?;
        Ok(path)
    }
}

/// The machine's load average over 1, 5 and 15 minutes, as `uptime` prints
/// it, for the notes of figures a busy machine moves.
pub fn load_average() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let fields: Vec<&str> = text.split_whitespace().take(3).collect();
    if fields.len() == 3 {
        fields.join(", ")
    } else {
        "unknown".to_owned()
    }
}

fn memory() -> String {
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let kib = meminfo
        .lines()
        .find_map(|line| line.strip_prefix("MemTotal:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        });
    kib.map_or("unknown".to_owned(), |kib| {
        format!("{} GiB", kib / 1024 / 1024)
    })
}

#[cfg(test)]
mod tests {
    use super::{Rounds, listed, median_and_range};

    #[test]
    fn the_median_and_range() {
        assert_eq!(median_and_range(&mut [3.0, 1.0, 2.0]), (2.0, 1.0, 3.0));
        assert_eq!(median_and_range(&mut [4.0, 1.0, 2.0, 3.0]), (2.5, 1.0, 4.0));
        assert_eq!(listed(&[0.5, 1.25]), "0.500, 1.250");
    }

    #[test]
    fn rounds_are_listed_in_order_and_summed_up() {
        let rounds = Rounds::of(vec![1.0, 0.9, 1.1]);
        assert_eq!(rounds.listed, "1.000, 0.900, 1.100");
        assert_eq!((rounds.median, rounds.low, rounds.high), (1.0, 0.9, 1.1));
        assert_eq!(
            rounds.measured(),
            "1.000 (rounds 0.900–1.100, spread 20.0 % over 3 rounds)"
        );
    }
}

#[cfg(test)]
mod stat_tests {
    use super::stat_fields;

    #[test]
    fn stat_fields_are_read_after_the_command_name() {
        // A command name with spaces and parentheses; utime 5, stime 6,
        // cutime 700, cstime 80.
        let stat = "42 (cargo (x) y) S 1 42 42 0 -1 4194560 100 0 0 0 5 6 700 80 20 0 1 0";
        assert_eq!(stat_fields(stat, &[16, 17]), Some(780.0));
        assert_eq!(stat_fields(stat, &[14, 15]), Some(11.0));
        assert_eq!(stat_fields("42 (short", &[16, 17]), None);
    }
}
