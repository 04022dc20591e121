//! request-counter: the same count kept in three places, to show where state lives.
//!
//! Plugin configuration: none (ignored).
//!
//! On every request:
//! * a global of this VM (`worker-local`): Envoy has one VM per worker, so each worker counts
//!   only the requests it served;
//! * the shared-data key `request-counter/total` (`shared`): one value for every VM with this
//!   vm_id, incremented with a compare-and-swap loop so concurrent workers never lose an update;
//! * the counter metric `requests_total` (`proxy_define_metric` type 0 = counter), which the host
//!   aggregates itself (Envoy: `wasmcustom.requests_total`).
//!
//! Logs `request-counter: worker-local=<n> shared=<m>` at INFO and adds the response headers
//! `x-count-local: <n>` and `x-count-shared: <m>` (the values seen by this request).

use proxy_wasm_mini::{self as pw, Action, ContextMap, Global, MapType, MetricType, Status};

const SHARED_KEY: &str = "request-counter/total";

/// Requests seen by this VM.
static LOCAL_COUNT: Global<u64> = Global::new(0);
/// Id of the `requests_total` counter (defined in `proxy_on_configure`).
static METRIC_ID: Global<Option<u32>> = Global::new(None);
/// The (local, shared) numbers each live stream got, for its response headers.
static SEEN: Global<ContextMap<(u64, u64)>> = Global::new(ContextMap::new());

/// Increments the shared counter: get (value, cas) → set (value + 1, cas) → retry on mismatch.
fn increment_shared() -> Result<u64, Status> {
    for _attempt in 0..16 {
        let (current, cas) = match pw::get_shared_data(SHARED_KEY)? {
            Some((bytes, cas)) => {
                (String::from_utf8_lossy(&bytes).parse::<u64>().unwrap_or(0), cas)
            }
            // Key absent (only if configure's creation failed): cas 0 writes unconditionally.
            None => (0, 0),
        };
        let next = current + 1;
        match pw::set_shared_data(SHARED_KEY, next.to_string().as_bytes(), cas) {
            Ok(()) => return Ok(next),
            Err(Status::CAS_MISMATCH) => continue, // another worker won the race: read again
            Err(other) => return Err(other),
        }
    }
    Err(Status::CAS_MISMATCH) // still contended after 16 tries: give up for this request
}

#[no_mangle]
pub extern "C" fn proxy_on_configure(_root_context_id: u32, _configuration_size: usize) -> u32 {
    match pw::define_metric(MetricType::Counter, "requests_total") {
        Ok(id) => METRIC_ID.set(Some(id)),
        Err(status) => pw::warn!("request-counter: proxy_define_metric failed: {}", status),
    }
    // Create the shared counter before any traffic: the ABI has no "create if absent", so two
    // workers creating it on their first request could both write 1 and lose an increment.
    if let Ok(None) = pw::get_shared_data(SHARED_KEY) {
        let _ = pw::set_shared_data(SHARED_KEY, b"0", 0);
    }
    1
}

#[no_mangle]
pub extern "C" fn proxy_on_request_headers(context_id: u32, _headers: usize, _eos: u32) -> Action {
    let local = LOCAL_COUNT.with(|n| {
        *n += 1;
        *n
    });
    let shared = increment_shared().unwrap_or_else(|status| {
        pw::error!("request-counter: shared data failed: {}", status);
        0
    });
    if let Some(id) = METRIC_ID.get() {
        let _ = pw::increment_metric(id, 1);
    }
    pw::info!("request-counter: worker-local={} shared={}", local, shared);
    SEEN.with(|s| s.insert(context_id, (local, shared)));
    Action::Continue
}

#[no_mangle]
pub extern "C" fn proxy_on_response_headers(context_id: u32, _headers: usize, _eos: u32) -> Action {
    if let Some((local, shared)) = SEEN.with(|s| s.get(context_id).copied()) {
        let _ = pw::add_header(MapType::HttpResponseHeaders, "x-count-local", &local.to_string());
        let _ = pw::add_header(MapType::HttpResponseHeaders, "x-count-shared", &shared.to_string());
    }
    Action::Continue
}

#[no_mangle]
pub extern "C" fn proxy_on_delete(context_id: u32) {
    SEEN.with(|s| s.remove(context_id));
}
