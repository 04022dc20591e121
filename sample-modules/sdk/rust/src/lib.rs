//! proxy-wasm-mini: the smallest Rust "SDK" that keeps Proxy-Wasm samples readable.
//!
//! * [`abi`]: raw `extern "C"` imports from module `env` and the spec's enum values.
//! * this file: the exports every module needs (ABI marker, allocator, `_initialize`) and thin
//!   helpers that do the pointer-to-pointer and serialization work of the ABI.
//! * [`json`]: a tiny JSON parser for plugin configurations.
//!
//! Unlike the official `proxy-wasm` crate there is no dispatcher and no traits: each sample exports
//! its `proxy_on_*` callbacks itself with `#[no_mangle] pub extern "C" fn`, so the ABI stays
//! visible. Helpers return `Result<_, Status>` and never panic on an unexpected status code.
//!
//! A network (TCP) filter exports these instead of the HTTP stream callbacks (Proxy-Wasm ABI
//! 0.2.1; `Action` as for HTTP, `PeerType` from [`abi`]):
//!
//! ```text
//! proxy_on_new_connection(context_id) -> Action
//! proxy_on_downstream_data(context_id, data_size, end_of_stream) -> Action   // client bytes
//! proxy_on_upstream_data(context_id, data_size, end_of_stream) -> Action     // server bytes
//! proxy_on_downstream_connection_close(context_id, peer_type)
//! proxy_on_upstream_connection_close(context_id, peer_type)
//! ```
//!
//! During a data callback the bytes are the buffer `DownstreamData` or `UpstreamData`
//! ([`get_buffer`], [`set_buffer`]). Envoy hands read filters the *whole* read buffer each time:
//! bytes a filter held back with `Pause` come again, followed by the new ones, so `data_size`
//! counts them all. [`continue_stream`]`(Downstream)` resumes a paused read; [`close_stream`]
//! closes the connection.

pub mod abi;
pub mod json;

pub use abi::{Action, BufferType, LogLevel, MapType, MetricType, PeerType, Status, StreamType};

use core::cell::{RefCell, RefMut};
use core::ptr::null_mut;

// ---------------------------------------------------------------------------------------------
// Exports every module built with this crate gets.
// ---------------------------------------------------------------------------------------------

/// ABI marker: an empty exported function whose *name* tells the host which ABI we speak.
#[no_mangle]
pub extern "C" fn proxy_abi_version_0_2_1() {}

/// The allocator the host calls whenever it returns data to us (a header value, a body, a
/// configuration...). We hand out the buffer of a `Vec<u8>` with capacity == size; [`take`] turns
/// it back into that `Vec`, which frees it when dropped.
#[no_mangle]
pub extern "C" fn proxy_on_memory_allocate(size: usize) -> *mut u8 {
    let mut buffer: Vec<u8> = Vec::with_capacity(size);
    let ptr = buffer.as_mut_ptr();
    core::mem::forget(buffer);
    ptr
}

#[cfg(target_os = "wasi")]
extern "C" {
    /// Synthesized by the linker: runs static constructors (wasi-libc's, mostly).
    fn __wasm_call_ctors();
}

/// WASI "reactor" entry point, called once by the host right after instantiation. Defining it
/// (as the official SDK's `main!` macro does) also makes the linker treat the module as a reactor,
/// so exports are not wrapped in per-call constructor/destructor calls.
#[cfg(target_os = "wasi")]
#[no_mangle]
pub extern "C" fn _initialize() {
    unsafe { __wasm_call_ctors() };
    // A panic aborts (trap); log its message through the proxy first, like the official SDK.
    std::panic::set_hook(Box::new(|info| log(LogLevel::Critical, &info.to_string())));
}

/// Takes ownership of a buffer the host wrote through a `return_*_data` / `return_*_size` pair.
///
/// # Safety
/// `ptr` must be null or come from [`proxy_on_memory_allocate`] with exactly `len` bytes.
pub unsafe fn take(ptr: *mut u8, len: usize) -> Vec<u8> {
    if ptr.is_null() {
        Vec::new() // the host returns (0, 0) for an empty value, without allocating
    } else {
        Vec::from_raw_parts(ptr, len, len)
    }
}

/// Calls a hostcall that returns bytes through a pointer-to-pointer pair.
fn get_bytes(call: impl FnOnce(*mut *mut u8, *mut usize) -> Status) -> Result<Vec<u8>, Status> {
    let mut data: *mut u8 = null_mut();
    let mut size: usize = 0;
    call(&mut data, &mut size).ok()?;
    Ok(unsafe { take(data, size) })
}

// ---------------------------------------------------------------------------------------------
// Module state. A Wasm instance runs on one thread and the host never calls back into a
// callback while another is running (only `proxy_on_memory_allocate` nests), so a global guarded
// by a RefCell is enough. A nested `with` on the same global panics instead of aliasing.
// ---------------------------------------------------------------------------------------------

pub struct Global<T>(RefCell<T>);

unsafe impl<T> Sync for Global<T> {}

impl<T> Global<T> {
    pub const fn new(value: T) -> Self {
        Global(RefCell::new(value))
    }

    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let mut guard: RefMut<T> = self.0.borrow_mut();
        f(&mut guard)
    }
}

impl<T: Clone> Global<T> {
    pub fn get(&self) -> T {
        self.0.borrow().clone()
    }

    pub fn set(&self, value: T) {
        *self.0.borrow_mut() = value;
    }
}

/// State per context id. Root contexts (one per plugin configuration in this VM) and stream
/// contexts share one id space; a module sees a handful of live ids, so a Vec is plenty.
pub struct ContextMap<T>(Vec<(u32, T)>);

impl<T> ContextMap<T> {
    pub const fn new() -> Self {
        ContextMap(Vec::new())
    }

    pub fn insert(&mut self, context_id: u32, value: T) {
        self.remove(context_id);
        self.0.push((context_id, value));
    }

    pub fn get(&self, context_id: u32) -> Option<&T> {
        self.0.iter().find(|(id, _)| *id == context_id).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, context_id: u32) -> Option<&mut T> {
        self.0.iter_mut().find(|(id, _)| *id == context_id).map(|(_, v)| v)
    }

    pub fn remove(&mut self, context_id: u32) -> Option<T> {
        let index = self.0.iter().position(|(id, _)| *id == context_id)?;
        Some(self.0.swap_remove(index).1)
    }

    /// Keeps only the entries for which `keep(id, value)` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(u32, &T) -> bool) {
        self.0.retain(|(id, value)| keep(*id, value));
    }
}

impl<T> Default for ContextMap<T> {
    fn default() -> Self {
        Self::new()
    }
}

// ---------------------------------------------------------------------------------------------
// Logging.
// ---------------------------------------------------------------------------------------------

pub fn log(level: LogLevel, message: &str) {
    unsafe { abi::proxy_log(level, message.as_ptr(), message.len()) };
}

#[macro_export]
macro_rules! debug { ($($arg:tt)*) => { $crate::log($crate::LogLevel::Debug, &format!($($arg)*)) } }
#[macro_export]
macro_rules! info { ($($arg:tt)*) => { $crate::log($crate::LogLevel::Info, &format!($($arg)*)) } }
#[macro_export]
macro_rules! warn { ($($arg:tt)*) => { $crate::log($crate::LogLevel::Warn, &format!($($arg)*)) } }
#[macro_export]
macro_rules! error { ($($arg:tt)*) => { $crate::log($crate::LogLevel::Error, &format!($($arg)*)) } }

// ---------------------------------------------------------------------------------------------
// Buffers and configuration.
// ---------------------------------------------------------------------------------------------

/// Up to `max_size` bytes of a buffer from offset `start`.
pub fn get_buffer(buffer: BufferType, start: usize, max_size: usize) -> Result<Vec<u8>, Status> {
    get_bytes(|data, size| unsafe {
        abi::proxy_get_buffer_bytes(buffer, start, max_size, data, size)
    })
}

/// Replaces `size` bytes at `start` with `value`. Envoy accepts three shapes only:
/// prepend `(0, 0)`, append `(len, 0)` and replace-all `(0, len)`.
pub fn set_buffer(
    buffer: BufferType,
    start: usize,
    size: usize,
    value: &[u8],
) -> Result<(), Status> {
    unsafe { abi::proxy_set_buffer_bytes(buffer, start, size, value.as_ptr(), value.len()) }.ok()
}

/// The plugin configuration as text; call from `proxy_on_configure(_, size)`.
pub fn plugin_configuration(size: usize) -> String {
    if size == 0 {
        return String::new();
    }
    let bytes = get_buffer(BufferType::PluginConfiguration, 0, size).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

// ---------------------------------------------------------------------------------------------
// Header maps.
// ---------------------------------------------------------------------------------------------

/// Serialized pairs (docs/abi-notes.md, "Serialized maps"), all little-endian:
/// `u32 N | N × (u32 key_len, u32 value_len) | N × (key bytes, 0, value bytes, 0)`.
pub fn serialize_pairs(pairs: &[(&str, &str)]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&(pairs.len() as u32).to_le_bytes());
    for (key, value) in pairs {
        out.extend_from_slice(&(key.len() as u32).to_le_bytes());
        out.extend_from_slice(&(value.len() as u32).to_le_bytes());
    }
    for (key, value) in pairs {
        out.extend_from_slice(key.as_bytes());
        out.push(0);
        out.extend_from_slice(value.as_bytes());
        out.push(0);
    }
    out
}

/// Inverse of [`serialize_pairs`]; returns what it could read from a malformed buffer.
pub fn deserialize_pairs(bytes: &[u8]) -> Vec<(String, String)> {
    let u32_at = |at: usize| -> Option<usize> {
        let b = bytes.get(at..at + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let mut pairs = Vec::new();
    let count = match u32_at(0) {
        Some(n) => n,
        None => return pairs, // fewer than 4 bytes: an empty map
    };
    let mut data = 4 + count * 8;
    for i in 0..count {
        let (key_len, value_len) = match (u32_at(4 + i * 8), u32_at(8 + i * 8)) {
            (Some(k), Some(v)) => (k, v),
            _ => break,
        };
        let key = bytes.get(data..data + key_len);
        data += key_len + 1;
        let value = bytes.get(data..data + value_len);
        data += value_len + 1;
        match (key, value) {
            (Some(k), Some(v)) => pairs.push((
                String::from_utf8_lossy(k).into_owned(),
                String::from_utf8_lossy(v).into_owned(),
            )),
            _ => break,
        }
    }
    pairs
}

/// First value of a header, or `None` when absent (`NOT_FOUND`) or unavailable.
pub fn get_header(map: MapType, key: &str) -> Option<String> {
    let value = get_bytes(|data, size| unsafe {
        abi::proxy_get_header_map_value(map, key.as_ptr(), key.len(), data, size)
    })
    .ok()?;
    Some(String::from_utf8_lossy(&value).into_owned())
}

pub fn get_headers(map: MapType) -> Result<Vec<(String, String)>, Status> {
    let bytes =
        get_bytes(|data, size| unsafe { abi::proxy_get_header_map_pairs(map, data, size) })?;
    Ok(deserialize_pairs(&bytes))
}

pub fn set_headers(map: MapType, pairs: &[(&str, &str)]) -> Result<(), Status> {
    let bytes = serialize_pairs(pairs);
    unsafe { abi::proxy_set_header_map_pairs(map, bytes.as_ptr(), bytes.len()) }.ok()
}

/// Appends a value (an existing header with the same name is kept).
pub fn add_header(map: MapType, key: &str, value: &str) -> Result<(), Status> {
    unsafe {
        abi::proxy_add_header_map_value(map, key.as_ptr(), key.len(), value.as_ptr(), value.len())
    }
    .ok()
}

/// Sets a header to exactly one value.
pub fn replace_header(map: MapType, key: &str, value: &str) -> Result<(), Status> {
    unsafe {
        abi::proxy_replace_header_map_value(
            map,
            key.as_ptr(),
            key.len(),
            value.as_ptr(),
            value.len(),
        )
    }
    .ok()
}

pub fn remove_header(map: MapType, key: &str) -> Result<(), Status> {
    unsafe { abi::proxy_remove_header_map_value(map, key.as_ptr(), key.len()) }.ok()
}

// ---------------------------------------------------------------------------------------------
// Properties.
// ---------------------------------------------------------------------------------------------

/// A property such as `["plugin_root_id"]` or `["request", "headers", "x-user"]`: the path
/// segments travel joined by NUL bytes. `None` when the host has no such property.
pub fn get_property(path: &[&str]) -> Option<Vec<u8>> {
    let path = path.join("\0");
    get_bytes(|data, size| unsafe {
        abi::proxy_get_property(path.as_ptr(), path.len(), data, size)
    })
    .ok()
}

/// An integer property such as `["connection", "id"]` or `["request", "duration"]` (nanoseconds):
/// the host writes it as 8 little-endian bytes. `None` when absent or not 8 bytes long.
pub fn get_property_u64(path: &[&str]) -> Option<u64> {
    let bytes = get_property(path)?;
    let bytes: [u8; 8] = bytes.get(..8)?.try_into().ok()?;
    Some(u64::from_le_bytes(bytes))
}

pub fn set_property(path: &[&str], value: &[u8]) -> Result<(), Status> {
    let path = path.join("\0");
    unsafe { abi::proxy_set_property(path.as_ptr(), path.len(), value.as_ptr(), value.len()) }.ok()
}

// ---------------------------------------------------------------------------------------------
// Stream control, local replies, contexts, time.
// ---------------------------------------------------------------------------------------------

/// Resumes a stream paused by a previous `Action::Pause`.
pub fn continue_stream(stream: StreamType) -> Result<(), Status> {
    unsafe { abi::proxy_continue_stream(stream) }.ok()
}

/// Closes a stream. For a network filter, `Downstream` or `Upstream` closes the whole connection
/// (Envoy's `Context::closeStream`: `connection().close(FlushWrite)`); for an HTTP filter,
/// `HttpRequest`/`HttpResponse` reset the stream.
pub fn close_stream(stream: StreamType) -> Result<(), Status> {
    unsafe { abi::proxy_close_stream(stream) }.ok()
}

/// Answers the request from the proxy itself. `grpc_status` -1 means "not a gRPC reply".
/// The host applies it after the current callback returns (whatever that callback returns).
pub fn send_local_response(
    status_code: u32,
    details: &str,
    body: &[u8],
    headers: &[(&str, &str)],
    grpc_status: i32,
) -> Result<(), Status> {
    let headers = serialize_pairs(headers);
    unsafe {
        abi::proxy_send_local_response(
            status_code,
            details.as_ptr(),
            details.len(),
            body.as_ptr(),
            body.len(),
            headers.as_ptr(),
            headers.len(),
            grpc_status,
        )
    }
    .ok()
}

/// Makes later hostcalls in this callback act on another context (e.g. a stream, from a root
/// context callback such as `proxy_on_http_call_response`).
pub fn set_effective_context(context_id: u32) -> Result<(), Status> {
    unsafe { abi::proxy_set_effective_context(context_id) }.ok()
}

/// Arms (or with 0, disarms) `proxy_on_tick` for the root context.
pub fn set_tick_period_ms(period: u32) -> Result<(), Status> {
    unsafe { abi::proxy_set_tick_period_milliseconds(period) }.ok()
}

/// Host wall-clock time in nanoseconds since the epoch (a u64 written as 8 LE bytes).
pub fn current_time_nanos() -> u64 {
    let mut nanos: u64 = 0;
    unsafe { abi::proxy_get_current_time_nanoseconds(&mut nanos) };
    nanos
}

// ---------------------------------------------------------------------------------------------
// HTTP callouts.
// ---------------------------------------------------------------------------------------------

/// Sends an HTTP request to an upstream (an Envoy cluster name). `headers` must include
/// `:method`, `:path` and `:authority`. Returns the call token; the answer arrives later in
/// `proxy_on_http_call_response(root_context_id, token, ...)`.
pub fn http_call(
    upstream: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    trailers: &[(&str, &str)],
    timeout_ms: u32,
) -> Result<u32, Status> {
    let headers = serialize_pairs(headers);
    let trailers = serialize_pairs(trailers);
    let mut token: u32 = 0;
    unsafe {
        abi::proxy_http_call(
            upstream.as_ptr(),
            upstream.len(),
            headers.as_ptr(),
            headers.len(),
            body.as_ptr(),
            body.len(),
            trailers.as_ptr(),
            trailers.len(),
            timeout_ms,
            &mut token,
        )
    }
    .ok()?;
    Ok(token)
}

// ---------------------------------------------------------------------------------------------
// Shared data (per vm_id, shared by every VM on every worker) and shared queues.
// ---------------------------------------------------------------------------------------------

/// `Ok(Some((value, cas)))`, or `Ok(None)` when the key does not exist.
pub fn get_shared_data(key: &str) -> Result<Option<(Vec<u8>, u32)>, Status> {
    let mut data: *mut u8 = null_mut();
    let mut size: usize = 0;
    let mut cas: u32 = 0;
    let status = unsafe {
        abi::proxy_get_shared_data(key.as_ptr(), key.len(), &mut data, &mut size, &mut cas)
    };
    match status {
        Status::OK => Ok(Some((unsafe { take(data, size) }, cas))),
        Status::NOT_FOUND => Ok(None),
        other => Err(other),
    }
}

/// Stores a value. `cas` 0 writes unconditionally; otherwise the write succeeds only if the
/// entry still has that CAS, else `Err(Status::CAS_MISMATCH)`.
pub fn set_shared_data(key: &str, value: &[u8], cas: u32) -> Result<(), Status> {
    unsafe { abi::proxy_set_shared_data(key.as_ptr(), key.len(), value.as_ptr(), value.len(), cas) }
        .ok()
}

/// Creates (or reopens) queue `name` in this VM's vm_id and subscribes this root context to
/// `proxy_on_queue_ready`.
pub fn register_shared_queue(name: &str) -> Result<u32, Status> {
    let mut id: u32 = 0;
    unsafe { abi::proxy_register_shared_queue(name.as_ptr(), name.len(), &mut id) }.ok()?;
    Ok(id)
}

/// Finds a queue registered by some VM with `vm_id`; `Err(NOT_FOUND)` if nobody registered it yet.
pub fn resolve_shared_queue(vm_id: &str, name: &str) -> Result<u32, Status> {
    let mut id: u32 = 0;
    unsafe {
        abi::proxy_resolve_shared_queue(
            vm_id.as_ptr(),
            vm_id.len(),
            name.as_ptr(),
            name.len(),
            &mut id,
        )
    }
    .ok()?;
    Ok(id)
}

pub fn enqueue_shared_queue(queue_id: u32, value: &[u8]) -> Result<(), Status> {
    unsafe { abi::proxy_enqueue_shared_queue(queue_id, value.as_ptr(), value.len()) }.ok()
}

/// `Ok(None)` once the queue is drained (status `EMPTY`).
pub fn dequeue_shared_queue(queue_id: u32) -> Result<Option<Vec<u8>>, Status> {
    let mut data: *mut u8 = null_mut();
    let mut size: usize = 0;
    match unsafe { abi::proxy_dequeue_shared_queue(queue_id, &mut data, &mut size) } {
        Status::OK => Ok(Some(unsafe { take(data, size) })),
        Status::EMPTY => Ok(None),
        other => Err(other),
    }
}

// ---------------------------------------------------------------------------------------------
// Metrics.
// ---------------------------------------------------------------------------------------------

pub fn define_metric(metric_type: MetricType, name: &str) -> Result<u32, Status> {
    let mut id: u32 = 0;
    unsafe { abi::proxy_define_metric(metric_type, name.as_ptr(), name.len(), &mut id) }.ok()?;
    Ok(id)
}

pub fn increment_metric(metric_id: u32, delta: i64) -> Result<(), Status> {
    unsafe { abi::proxy_increment_metric(metric_id, delta) }.ok()
}

pub fn record_metric(metric_id: u32, value: u64) -> Result<(), Status> {
    unsafe { abi::proxy_record_metric(metric_id, value) }.ok()
}

pub fn get_metric(metric_id: u32) -> Result<u64, Status> {
    let mut value: u64 = 0;
    unsafe { abi::proxy_get_metric(metric_id, &mut value) }.ok()?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_pairs_like_the_spec() {
        // {"a":"1"}, {"b":"22"}: 4 + (8+2+2) + (8+2+3) = 29 bytes.
        let bytes = serialize_pairs(&[("a", "1"), ("b", "22")]);
        assert_eq!(
            bytes,
            [
                2, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, b'a', 0, b'1', 0, b'b',
                0, b'2', b'2', 0
            ]
        );
        let back = deserialize_pairs(&bytes);
        assert_eq!(back, vec![("a".into(), "1".into()), ("b".into(), "22".into())]);
        assert!(deserialize_pairs(&[]).is_empty());
    }
}
