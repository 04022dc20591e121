//! rate-limiter: a token bucket in front of the upstream.
//!
//! Plugin configuration (JSON, every field optional):
//!
//! ```json
//! {"capacity": 3, "refillPerSecond": 1, "shared": false}
//! ```
//!
//! Each request takes one token. The bucket starts full (`capacity` tokens) and regains
//! `refillPerSecond` tokens per second of host time (`proxy_get_current_time_nanoseconds`, which
//! follows the scenario's virtual clock). With a token: the request continues and gets the request
//! header `x-ratelimit-remaining: <tokens left>`. Without: a local reply `429` with body
//! `rate limited\n` and the header `x-ratelimit-limit: <capacity>`.
//!
//! Where the bucket lives is the point of the sample:
//! * `"shared": false`: in a global of this VM. Envoy runs one VM per worker thread, so every
//!   worker has its own bucket and N workers let N × capacity requests through.
//! * `"shared": true`: in the shared-data store under key `rate-limiter/bucket` (value
//!   `"<tokens>,<last_refill_nanos>"`), visible to every VM with the same vm_id on every worker.
//!   Updates use compare-and-swap: read the value and its CAS, write back with that CAS, and retry
//!   when another worker wrote in between (`CAS_MISMATCH`).

use proxy_wasm_mini::{self as pw, json, Action, ContextMap, Global, MapType, Status};

const SHARED_KEY: &str = "rate-limiter/bucket";
const NANOS_PER_SECOND: u64 = 1_000_000_000;
/// CAS retries before giving up (and letting the request through: fail open).
const MAX_CAS_ATTEMPTS: u32 = 16;

#[derive(Clone, Copy)]
struct Config {
    capacity: u64,
    refill_per_second: u64,
    shared: bool,
}

impl Config {
    fn parse(text: &str) -> Result<Config, String> {
        let mut config = Config { capacity: 3, refill_per_second: 1, shared: false };
        if text.trim().is_empty() {
            return Ok(config);
        }
        let json = json::parse(text)?;
        if let Some(n) = json.get("capacity").and_then(|v| v.as_u64()) {
            config.capacity = n;
        }
        if let Some(n) = json.get("refillPerSecond").and_then(|v| v.as_u64()) {
            config.refill_per_second = n;
        }
        if let Some(b) = json.get("shared").and_then(|v| v.as_bool()) {
            config.shared = b;
        }
        Ok(config)
    }
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: u64,
    last_refill_nanos: u64,
}

impl Bucket {
    fn full(config: &Config, now: u64) -> Bucket {
        Bucket { tokens: config.capacity, last_refill_nanos: now }
    }

    /// Adds the whole tokens earned since the last refill, keeping the fractional remainder
    /// (by advancing `last_refill_nanos` only by the time those tokens cost).
    fn refill(&mut self, config: &Config, now: u64) {
        if config.refill_per_second == 0 || now <= self.last_refill_nanos {
            return;
        }
        let elapsed = (now - self.last_refill_nanos) as u128;
        let earned = (elapsed * config.refill_per_second as u128 / NANOS_PER_SECOND as u128) as u64;
        if earned == 0 {
            return;
        }
        self.tokens = (self.tokens + earned).min(config.capacity);
        self.last_refill_nanos = if self.tokens == config.capacity {
            now
        } else {
            self.last_refill_nanos + earned * NANOS_PER_SECOND / config.refill_per_second
        };
    }

    /// Refills, then takes one token if there is one.
    fn try_take(&mut self, config: &Config, now: u64) -> bool {
        self.refill(config, now);
        if self.tokens == 0 {
            return false;
        }
        self.tokens -= 1;
        true
    }

    fn encode(&self) -> String {
        format!("{},{}", self.tokens, self.last_refill_nanos)
    }

    fn decode(bytes: &[u8]) -> Option<Bucket> {
        let text = core::str::from_utf8(bytes).ok()?;
        let (tokens, last) = text.split_once(',')?;
        Some(Bucket { tokens: tokens.parse().ok()?, last_refill_nanos: last.parse().ok()? })
    }
}

/// Per root context: its configuration and (when not shared) its VM-local bucket.
struct Root {
    config: Config,
    local_bucket: Option<Bucket>,
}

static ROOTS: Global<ContextMap<Root>> = Global::new(ContextMap::new());
static ROOT_OF: Global<ContextMap<u32>> = Global::new(ContextMap::new());

/// Takes a token from this VM's bucket. Returns (allowed, tokens left).
fn take_local(root: &mut Root, now: u64) -> (bool, u64) {
    let config = root.config;
    let bucket = root.local_bucket.get_or_insert_with(|| Bucket::full(&config, now));
    let allowed = bucket.try_take(&config, now);
    (allowed, bucket.tokens)
}

/// Takes a token from the shared bucket with a compare-and-swap loop.
fn take_shared(config: &Config, now: u64) -> Result<(bool, u64), Status> {
    for _ in 0..MAX_CAS_ATTEMPTS {
        // 1. Read the value and its CAS version (NOT_FOUND: first request anywhere).
        let (mut bucket, cas) = match pw::get_shared_data(SHARED_KEY)? {
            Some((bytes, cas)) => {
                (Bucket::decode(&bytes).unwrap_or(Bucket::full(config, now)), cas)
            }
            // cas 0 = unconditional write. The ABI has no "create if absent": two workers creating
            // the key at the same instant would both succeed and one token would be lost. That is
            // why proxy_on_configure creates the key before any traffic; this is only a fallback.
            None => (Bucket::full(config, now), 0),
        };
        // 2. Compute the new value locally.
        let allowed = bucket.try_take(config, now);
        // 3. Write it back only if nobody changed it since step 1.
        match pw::set_shared_data(SHARED_KEY, bucket.encode().as_bytes(), cas) {
            Ok(()) => return Ok((allowed, bucket.tokens)),
            Err(Status::CAS_MISMATCH) => pw::debug!("rate-limiter: CAS mismatch, retrying"),
            Err(other) => return Err(other),
        }
    }
    Err(Status::CAS_MISMATCH)
}

/// Creates the shared bucket at start-up, before any request can race to create it. Every worker
/// (and Envoy's canary) runs this; they all write a full bucket, so losing a race here is harmless.
fn create_shared_bucket(config: &Config) {
    if let Ok(None) = pw::get_shared_data(SHARED_KEY) {
        let now = pw::current_time_nanos();
        let _ = pw::set_shared_data(SHARED_KEY, Bucket::full(config, now).encode().as_bytes(), 0);
    }
}

#[no_mangle]
pub extern "C" fn proxy_on_context_create(context_id: u32, parent_context_id: u32) {
    if parent_context_id != 0 {
        ROOT_OF.with(|m| m.insert(context_id, parent_context_id));
    }
}

#[no_mangle]
pub extern "C" fn proxy_on_configure(root_context_id: u32, configuration_size: usize) -> u32 {
    match Config::parse(&pw::plugin_configuration(configuration_size)) {
        Ok(config) => {
            pw::info!(
                "rate-limiter: capacity={} refillPerSecond={} bucket={}",
                config.capacity,
                config.refill_per_second,
                if config.shared { "shared" } else { "per-worker" }
            );
            if config.shared {
                create_shared_bucket(&config);
            }
            ROOTS.with(|r| r.insert(root_context_id, Root { config, local_bucket: None }));
            1
        }
        Err(message) => {
            pw::error!("rate-limiter: bad configuration: {}", message);
            0
        }
    }
}

#[no_mangle]
pub extern "C" fn proxy_on_request_headers(context_id: u32, _headers: usize, _eos: u32) -> Action {
    let root_id = ROOT_OF.with(|m| m.get(context_id).copied()).unwrap_or(0);
    let now = pw::current_time_nanos();
    let outcome = ROOTS.with(|roots| {
        let root = roots.get_mut(root_id)?;
        let config = root.config;
        let result =
            if config.shared { take_shared(&config, now) } else { Ok(take_local(root, now)) };
        Some((config, result))
    });
    let (config, result) = match outcome {
        Some(found) => found,
        None => return Action::Continue, // not configured (configure failed): let it through
    };
    match result {
        Ok((true, remaining)) => {
            pw::info!("rate-limiter: allowed, {} token(s) left", remaining);
            let _ = pw::replace_header(
                MapType::HttpRequestHeaders,
                "x-ratelimit-remaining",
                &remaining.to_string(),
            );
            Action::Continue
        }
        Ok((false, _)) => {
            pw::warn!("rate-limiter: over the limit of {}, replying 429", config.capacity);
            let limit = config.capacity.to_string();
            let headers = [("x-ratelimit-limit", limit.as_str())];
            let _ = pw::send_local_response(429, "rate_limited", b"rate limited\n", &headers, -1);
            Action::Pause
        }
        Err(status) => {
            pw::error!("rate-limiter: shared bucket unavailable ({}), failing open", status);
            Action::Continue
        }
    }
}

#[no_mangle]
pub extern "C" fn proxy_on_delete(context_id: u32) {
    ROOT_OF.with(|m| m.remove(context_id));
    ROOTS.with(|r| r.remove(context_id));
}
