//! Vote rate limits per voter id and per client address: a sliding window log in
//! memory, per server instance (durable state lives in the database; limits need not).

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Which limit refused a vote, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    /// Whole seconds until the oldest counted vote leaves the window (>= 1).
    pub retry_after: u64,
    pub scope: &'static str,
}

/// Counts accepted votes per voter and per address within a sliding window.
pub struct RateLimiter {
    per_voter: u32,
    per_ip: u32,
    window: Duration,
    state: Mutex<Windows>,
}

#[derive(Default)]
struct Windows {
    voters: HashMap<String, VecDeque<Instant>>,
    addresses: HashMap<IpAddr, VecDeque<Instant>>,
    last_sweep: Option<Instant>,
}

impl RateLimiter {
    /// `per_voter` / `per_ip` votes per `window`; 0 disables a limit.
    pub fn new(per_voter: u32, per_ip: u32, window: Duration) -> RateLimiter {
        RateLimiter {
            per_voter,
            per_ip,
            window: window.max(Duration::from_millis(1)),
            state: Mutex::new(Windows::default()),
        }
    }

    /// Counts one vote from `voter` at `ip` if both limits allow it; otherwise
    /// counts nothing and says which limit refused.
    pub fn check(&self, voter: &str, ip: IpAddr, now: Instant) -> Result<(), Refusal> {
        if self.per_voter == 0 && self.per_ip == 0 {
            return Ok(());
        }
        let ip = address_key(ip);
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.sweep(now, self.window);
        let voter_refusal = refusal(
            state.voters.get_mut(voter),
            self.per_voter,
            now,
            self.window,
            "from this voter",
        );
        let ip_refusal = refusal(
            state.addresses.get_mut(&ip),
            self.per_ip,
            now,
            self.window,
            "from this address",
        );
        // Report the limit that clears last, so a client retrying after Retry-After
        // is not refused again by the other one.
        match (voter_refusal, ip_refusal) {
            (Some(a), Some(b)) => return Err(if a.retry_after >= b.retry_after { a } else { b }),
            (Some(refused), None) | (None, Some(refused)) => return Err(refused),
            (None, None) => {}
        }
        if self.per_voter > 0 {
            record(&mut state.voters, voter.to_string(), now);
        }
        if self.per_ip > 0 {
            record(&mut state.addresses, ip, now);
        }
        Ok(())
    }

    /// Takes back the vote [`RateLimiter::check`] counted at `at` for `voter` at `ip`: the
    /// server refused it after all (no such article, or no rating there), and only votes
    /// accepted count against the limits.
    pub fn refund(&self, voter: &str, ip: IpAddr, at: Instant) {
        if self.per_voter == 0 && self.per_ip == 0 {
            return;
        }
        let ip = address_key(ip);
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(log) = state.voters.get_mut(voter) {
            forget(log, at);
        }
        if let Some(log) = state.addresses.get_mut(&ip) {
            forget(log, at);
        }
    }
}

/// Removes one entry recorded at `at` (the latest such), if the window still holds it.
fn forget(log: &mut VecDeque<Instant>, at: Instant) {
    if let Some(index) = log.iter().rposition(|&entry| entry == at) {
        log.remove(index);
    }
}

/// Prunes `log` to the window and tells whether one more vote would exceed `limit`.
fn refusal(
    log: Option<&mut VecDeque<Instant>>,
    limit: u32,
    now: Instant,
    window: Duration,
    scope: &'static str,
) -> Option<Refusal> {
    if limit == 0 {
        return None;
    }
    let log = log?;
    while log
        .front()
        .is_some_and(|&at| now.saturating_duration_since(at) >= window)
    {
        log.pop_front();
    }
    if log.len() < limit as usize {
        return None;
    }
    let oldest = *log.front()?;
    let wait = window.saturating_sub(now.saturating_duration_since(oldest));
    let retry_after = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    Some(Refusal {
        retry_after: retry_after.max(1),
        scope,
    })
}

fn record<K: Hash + Eq>(logs: &mut HashMap<K, VecDeque<Instant>>, key: K, now: Instant) {
    logs.entry(key).or_default().push_back(now);
}

impl Windows {
    /// Drops logs whose every entry has expired, at most once per window, so memory
    /// stays bounded by the clients of the last window.
    fn sweep(&mut self, now: Instant, window: Duration) {
        if self
            .last_sweep
            .is_some_and(|at| now.saturating_duration_since(at) < window)
        {
            return;
        }
        self.last_sweep = Some(now);
        let live = |log: &mut VecDeque<Instant>| {
            log.back()
                .is_some_and(|&at| now.saturating_duration_since(at) < window)
        };
        self.voters.retain(|_, log| live(log));
        self.addresses.retain(|_, log| live(log));
    }
}

/// IPv4 addresses count one by one; IPv6 per /64, the block one client usually holds.
fn address_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let bits = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(bits.into())
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCAL: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    #[test]
    fn voter_limit_refuses_then_recovers() {
        let limiter = RateLimiter::new(2, 0, Duration::from_secs(60));
        let start = Instant::now();
        assert!(limiter.check("v", LOCAL, start).is_ok());
        assert!(limiter
            .check("v", LOCAL, start + Duration::from_secs(10))
            .is_ok());
        let refused = limiter.check("v", LOCAL, start + Duration::from_secs(20));
        assert_eq!(
            refused,
            Err(Refusal {
                retry_after: 40,
                scope: "from this voter"
            })
        );
        assert!(limiter.check("other", LOCAL, start).is_ok());
        assert!(limiter
            .check("v", LOCAL, start + Duration::from_secs(60))
            .is_ok());
    }

    #[test]
    fn address_limit_counts_every_voter() {
        let limiter = RateLimiter::new(0, 2, Duration::from_secs(60));
        let now = Instant::now();
        assert!(limiter.check("a", LOCAL, now).is_ok());
        assert!(limiter.check("b", LOCAL, now).is_ok());
        assert_eq!(
            limiter.check("c", LOCAL, now).map_err(|r| r.scope),
            Err("from this address")
        );
    }

    #[test]
    fn refused_votes_are_not_counted() {
        let limiter = RateLimiter::new(1, 2, Duration::from_secs(60));
        let now = Instant::now();
        assert!(limiter.check("a", LOCAL, now).is_ok());
        assert!(limiter.check("a", LOCAL, now).is_err());
        // The refused vote from "a" did not use up the address budget.
        assert!(limiter.check("b", LOCAL, now).is_ok());
    }

    #[test]
    fn zero_disables() {
        let limiter = RateLimiter::new(0, 0, Duration::from_secs(60));
        let now = Instant::now();
        for _ in 0..1000 {
            assert!(limiter.check("a", LOCAL, now).is_ok());
        }
    }

    #[test]
    fn ipv6_counts_per_slash_64() {
        let a: IpAddr = "2001:db8::1".parse().unwrap_or(LOCAL);
        let b: IpAddr = "2001:db8::2".parse().unwrap_or(LOCAL);
        assert_eq!(address_key(a), address_key(b));
    }
}
