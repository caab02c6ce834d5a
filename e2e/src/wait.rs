//! Waiting on conditions with a deadline. Tests never sleep for a fixed time: they poll
//! what they expect and fail with the last thing they saw.

use std::time::Duration;

use tokio::time::Instant;

/// How long a test waits for something that should happen "at once" (a render, an
/// event): generous, because two shared cores also build other crates.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// Pause between two probes.
const POLL_INTERVAL: Duration = Duration::from_millis(50);

/// Polls `probe` until it returns `Ok(value)`, or panics once `timeout` has passed,
/// naming `what` was awaited and the last observation (`Err(observed)`).
pub async fn wait_for<T>(
    what: &str,
    timeout: Duration,
    mut probe: impl AsyncFnMut() -> Result<T, String>,
) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        let observed = match probe().await {
            Ok(value) => return value,
            Err(observed) => observed,
        };
        if Instant::now() >= deadline {
            panic!("timed out after {timeout:?} waiting for {what}; last observed: {observed}");
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}

/// [`wait_for`] for a yes/no condition.
pub async fn wait_until(what: &str, timeout: Duration, mut condition: impl AsyncFnMut() -> bool) {
    wait_for(what, timeout, async || {
        if condition().await {
            Ok(())
        } else {
            Err("condition still false".to_string())
        }
    })
    .await
}
