//! Shared by the benches that run the binary.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Runs the binary; returns wall time and peak resident memory (MB), read
/// from /proc while it runs.
pub fn run_measured(bin: &Path, args: &[&str]) -> (Duration, f64) {
    let t = Instant::now();
    let mut child = Command::new(bin)
        .args(args)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run lectern");
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_path) {
            for line in status.lines().filter(|l| l.starts_with("VmHWM:")) {
                let kb = line
                    .split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                peak_kb = peak_kb.max(kb);
            }
        }
        if child.try_wait().ok().flatten().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    (t.elapsed(), peak_kb as f64 / 1024.0)
}
