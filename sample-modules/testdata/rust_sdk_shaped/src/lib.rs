//! rust_sdk_shaped (test module): the import/export shape of a module built with the official
//! proxy-wasm Rust SDK (crate 0.2.x, `cargo build --target wasm32-wasi(p1) --release`, cdylib),
//! behaving like the SDK's `hello_world` example. crates.io is not reachable here, so the shape
//! is reproduced with the in-repo mini SDK:
//!
//! * exports `_initialize` (reactor entry, as the SDK's `main!` macro defines it),
//!   `proxy_on_memory_allocate`, `proxy_abi_version_0_2_1`, `memory` and *every* callback the
//!   SDK dispatcher exports (most are no-ops returning Continue);
//! * imports ~37 `env.proxy_*` functions although it calls only a few: the SDK's dispatcher and
//!   trait vtables reference nearly all hostcalls, so a host must link them all;
//! * imports WASI `fd_write`, `environ_get`, `environ_sizes_get`, `proc_exit` (Rust std) plus
//!   `clock_time_get` (`SystemTime::now`, like chrono's `Utc::now`) and `random_get` (like the
//!   getrandom crate).
//!
//! Behaviour (hello_world): `proxy_on_vm_start` logs `Hello, World!` and sets a 5 s tick;
//! `proxy_on_tick` logs the WASI time, the proxy time and a random "lucky number".
//! Plugin configuration: none.

use proxy_wasm_mini::{self as pw, abi, Action};
use std::time::{SystemTime, UNIX_EPOCH};

#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    /// What the getrandom crate calls on WASI.
    fn random_get(buf: *mut u8, buf_len: usize) -> u16;
}

/// Addresses of every hostcall the official SDK's dispatcher can reach. Taking an imported
/// function's address keeps the import in the module even though nothing calls it directly.
struct Hostcalls([*const (); 37]);
unsafe impl Sync for Hostcalls {}

static HOSTCALLS: Hostcalls = Hostcalls([
    abi::proxy_log as *const (),
    abi::proxy_get_log_level as *const (),
    abi::proxy_get_current_time_nanoseconds as *const (),
    abi::proxy_set_tick_period_milliseconds as *const (),
    abi::proxy_set_effective_context as *const (),
    abi::proxy_done as *const (),
    abi::proxy_call_foreign_function as *const (),
    abi::proxy_get_buffer_bytes as *const (),
    abi::proxy_set_buffer_bytes as *const (),
    abi::proxy_get_buffer_status as *const (),
    abi::proxy_get_header_map_pairs as *const (),
    abi::proxy_set_header_map_pairs as *const (),
    abi::proxy_get_header_map_value as *const (),
    abi::proxy_add_header_map_value as *const (),
    abi::proxy_replace_header_map_value as *const (),
    abi::proxy_remove_header_map_value as *const (),
    abi::proxy_continue_stream as *const (),
    abi::proxy_close_stream as *const (),
    abi::proxy_send_local_response as *const (),
    abi::proxy_get_status as *const (),
    abi::proxy_http_call as *const (),
    abi::proxy_grpc_call as *const (),
    abi::proxy_grpc_stream as *const (),
    abi::proxy_grpc_send as *const (),
    abi::proxy_grpc_cancel as *const (),
    abi::proxy_grpc_close as *const (),
    abi::proxy_get_shared_data as *const (),
    abi::proxy_set_shared_data as *const (),
    abi::proxy_register_shared_queue as *const (),
    abi::proxy_resolve_shared_queue as *const (),
    abi::proxy_enqueue_shared_queue as *const (),
    abi::proxy_dequeue_shared_queue as *const (),
    abi::proxy_define_metric as *const (),
    abi::proxy_increment_metric as *const (),
    abi::proxy_record_metric as *const (),
    abi::proxy_get_property as *const (),
    abi::proxy_set_property as *const (),
]);

// --- Root context -----------------------------------------------------------------------------

#[no_mangle]
pub extern "C" fn proxy_on_context_create(_context_id: u32, _parent_context_id: u32) {
    // A volatile read the optimizer cannot remove keeps HOSTCALLS (and so the imports) alive.
    let table = unsafe { core::ptr::read_volatile(&HOSTCALLS.0) };
    debug_assert!(!table[0].is_null());
}

#[no_mangle]
pub extern "C" fn proxy_on_vm_start(_root_context_id: u32, _vm_configuration_size: usize) -> u32 {
    pw::info!("Hello, World!");
    let _ = pw::set_tick_period_ms(5000);
    1
}

#[no_mangle]
pub extern "C" fn proxy_on_configure(_root_context_id: u32, _configuration_size: usize) -> u32 {
    1
}

#[no_mangle]
pub extern "C" fn proxy_on_tick(_root_context_id: u32) {
    // WASI clock (std) and the proxy clock should agree (both are the host's wall clock).
    let wasi_nanos =
        SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let proxy_nanos = pw::current_time_nanos();
    let mut lucky = [0u8; 1];
    let errno = unsafe { random_get(lucky.as_mut_ptr(), lucky.len()) };
    pw::info!(
        "It's {} ns (proxy clock {} ns), your lucky number is {} (random_get errno {}).",
        wasi_nanos,
        proxy_nanos,
        lucky[0],
        errno
    );
}

#[no_mangle]
pub extern "C" fn proxy_on_queue_ready(_root_context_id: u32, _queue_id: u32) {}

#[no_mangle]
pub extern "C" fn proxy_on_foreign_function(_root_context_id: u32, _id: u32, _size: usize) {}

#[no_mangle]
pub extern "C" fn proxy_on_http_call_response(_: u32, _: u32, _: usize, _: usize, _: usize) {}

#[no_mangle]
pub extern "C" fn proxy_on_grpc_receive_initial_metadata(_: u32, _: u32, _: usize) {}

#[no_mangle]
pub extern "C" fn proxy_on_grpc_receive(_: u32, _: u32, _: usize) {}

#[no_mangle]
pub extern "C" fn proxy_on_grpc_receive_trailing_metadata(_: u32, _: u32, _: usize) {}

#[no_mangle]
pub extern "C" fn proxy_on_grpc_close(_: u32, _: u32, _: u32) {}

// --- Every context ----------------------------------------------------------------------------

#[no_mangle]
pub extern "C" fn proxy_on_done(_context_id: u32) -> u32 {
    1
}

#[no_mangle]
pub extern "C" fn proxy_on_log(_context_id: u32) {}

#[no_mangle]
pub extern "C" fn proxy_on_delete(_context_id: u32) {}

// --- TCP stream contexts ----------------------------------------------------------------------

#[no_mangle]
pub extern "C" fn proxy_on_new_connection(_context_id: u32) -> Action {
    Action::Continue
}

#[no_mangle]
pub extern "C" fn proxy_on_downstream_data(_: u32, _size: usize, _eos: u32) -> Action {
    Action::Continue
}

#[no_mangle]
pub extern "C" fn proxy_on_downstream_connection_close(_: u32, _peer_type: u32) {}

#[no_mangle]
pub extern "C" fn proxy_on_upstream_data(_: u32, _size: usize, _eos: u32) -> Action {
    Action::Continue
}

#[no_mangle]
pub extern "C" fn proxy_on_upstream_connection_close(_: u32, _peer_type: u32) {}

// --- HTTP stream contexts ---------------------------------------------------------------------

#[no_mangle]
pub extern "C" fn proxy_on_request_headers(_: u32, _headers: usize, _eos: u32) -> Action {
    Action::Continue
}

#[no_mangle]
pub extern "C" fn proxy_on_request_body(_: u32, _size: usize, _eos: u32) -> Action {
    Action::Continue
}

#[no_mangle]
pub extern "C" fn proxy_on_request_trailers(_: u32, _trailers: usize) -> Action {
    Action::Continue
}

#[no_mangle]
pub extern "C" fn proxy_on_response_headers(_: u32, _headers: usize, _eos: u32) -> Action {
    Action::Continue
}

#[no_mangle]
pub extern "C" fn proxy_on_response_body(_: u32, _size: usize, _eos: u32) -> Action {
    Action::Continue
}

#[no_mangle]
pub extern "C" fn proxy_on_response_trailers(_: u32, _trailers: usize) -> Action {
    Action::Continue
}
