//! Raw Proxy-Wasm ABI 0.2.1: the host functions a module imports from module `env`, and the
//! numeric values of the spec's enums. Nothing here allocates or hides anything.
//!
//! Conventions (the Proxy-Wasm ABI spec, and docs/abi-notes.md):
//! * every pointer and `usize` is 32-bit; integers in guest memory are little-endian;
//! * every hostcall returns a [`Status`];
//! * outputs are written through `return_*` pointers. For data (`*mut *mut u8` + `*mut usize`) the
//!   host first calls our `proxy_on_memory_allocate`, copies the bytes there, then writes the
//!   address and the length. An empty value comes back as `(null, 0)` without any allocation.
//! * header maps travel in the serialized pairs format (see `serialize_pairs` in lib.rs).

/// `proxy_status_t` as returned by every hostcall. A transparent `u32`, so unknown codes from a
/// host never become undefined behaviour (the official Rust SDK uses an enum and panics instead).
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Status(pub u32);

impl Status {
    pub const OK: Status = Status(0);
    pub const NOT_FOUND: Status = Status(1);
    pub const BAD_ARGUMENT: Status = Status(2);
    pub const SERIALIZATION_FAILURE: Status = Status(3);
    pub const PARSE_FAILURE: Status = Status(4);
    pub const INVALID_MEMORY_ACCESS: Status = Status(6);
    pub const EMPTY: Status = Status(7);
    pub const CAS_MISMATCH: Status = Status(8);
    pub const INTERNAL_FAILURE: Status = Status(10);
    pub const UNIMPLEMENTED: Status = Status(12);

    pub fn name(self) -> &'static str {
        match self.0 {
            0 => "OK",
            1 => "NOT_FOUND",
            2 => "BAD_ARGUMENT",
            3 => "SERIALIZATION_FAILURE",
            4 => "PARSE_FAILURE",
            5 => "BAD_EXPRESSION",
            6 => "INVALID_MEMORY_ACCESS",
            7 => "EMPTY",
            8 => "CAS_MISMATCH",
            9 => "RESULT_MISMATCH",
            10 => "INTERNAL_FAILURE",
            11 => "BROKEN_CONNECTION",
            12 => "UNIMPLEMENTED",
            _ => "UNKNOWN",
        }
    }

    /// `Ok(())` for OK, `Err(self)` otherwise, so hostcalls compose with `?`.
    pub fn ok(self) -> Result<(), Status> {
        if self == Status::OK {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl core::fmt::Debug for Status {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}({})", self.name(), self.0)
    }
}

impl core::fmt::Display for Status {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(self, f)
    }
}

/// `proxy_log_level_t`.
#[repr(u32)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LogLevel {
    Trace = 0,
    Debug = 1,
    Info = 2,
    Warn = 3,
    Error = 4,
    Critical = 5,
}

/// `proxy_action_t`: what a stream callback returns.
#[repr(u32)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Action {
    Continue = 0,
    /// Headers: stop iteration. Bodies: stop and *buffer* (the next call sees all bytes so far).
    Pause = 1,
}

/// `proxy_map_type_t`.
#[repr(u32)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MapType {
    HttpRequestHeaders = 0,
    HttpRequestTrailers = 1,
    HttpResponseHeaders = 2,
    HttpResponseTrailers = 3,
    GrpcCallInitialMetadata = 4,
    GrpcCallTrailingMetadata = 5,
    HttpCallResponseHeaders = 6,
    HttpCallResponseTrailers = 7,
}

/// `proxy_buffer_type_t`.
#[repr(u32)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BufferType {
    HttpRequestBody = 0,
    HttpResponseBody = 1,
    DownstreamData = 2,
    UpstreamData = 3,
    HttpCallResponseBody = 4,
    GrpcCallMessage = 5,
    VmConfiguration = 6,
    PluginConfiguration = 7,
    ForeignFunctionArguments = 8,
}

/// `proxy_stream_type_t` (argument of `proxy_continue_stream` / `proxy_close_stream`).
#[repr(u32)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum StreamType {
    HttpRequest = 0,
    HttpResponse = 1,
    Downstream = 2,
    Upstream = 3,
}

/// `proxy_peer_type_t`: who closed a connection, as passed to
/// `proxy_on_downstream_connection_close` / `proxy_on_upstream_connection_close`. Envoy always
/// says `Unknown` for the upstream side.
#[repr(u32)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PeerType {
    Unknown = 0,
    Local = 1,
    Remote = 2,
}

impl PeerType {
    /// The raw argument of a close callback; unknown values read as `Unknown`.
    pub fn from_raw(raw: u32) -> PeerType {
        match raw {
            1 => PeerType::Local,
            2 => PeerType::Remote,
            _ => PeerType::Unknown,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            PeerType::Unknown => "unknown",
            PeerType::Local => "local",
            PeerType::Remote => "remote",
        }
    }
}

/// `proxy_metric_type_t`.
#[repr(u32)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MetricType {
    Counter = 0,
    Gauge = 1,
    Histogram = 2,
}

// Host functions (module `env`). Only the ones a module actually calls end up in its import
// section: the linker drops the rest.
#[link(wasm_import_module = "env")]
extern "C" {
    // Logging, time, timers, contexts.
    pub fn proxy_log(level: LogLevel, message_data: *const u8, message_size: usize) -> Status;
    pub fn proxy_get_log_level(return_level: *mut u32) -> Status;
    /// Writes a u64 (8 bytes, little-endian): nanoseconds since the Unix epoch.
    pub fn proxy_get_current_time_nanoseconds(return_time: *mut u64) -> Status;
    pub fn proxy_set_tick_period_milliseconds(period: u32) -> Status;
    pub fn proxy_set_effective_context(context_id: u32) -> Status;
    pub fn proxy_done() -> Status;
    pub fn proxy_call_foreign_function(
        name_data: *const u8,
        name_size: usize,
        arguments_data: *const u8,
        arguments_size: usize,
        return_results_data: *mut *mut u8,
        return_results_size: *mut usize,
    ) -> Status;

    // Buffers (bodies, configurations, call responses).
    pub fn proxy_get_buffer_bytes(
        buffer_type: BufferType,
        start: usize,
        max_size: usize,
        return_data: *mut *mut u8,
        return_size: *mut usize,
    ) -> Status;
    pub fn proxy_set_buffer_bytes(
        buffer_type: BufferType,
        start: usize,
        size: usize,
        data: *const u8,
        data_size: usize,
    ) -> Status;
    pub fn proxy_get_buffer_status(
        buffer_type: BufferType,
        return_size: *mut usize,
        return_flags: *mut u32,
    ) -> Status;

    // Header maps.
    pub fn proxy_get_header_map_pairs(
        map_type: MapType,
        return_data: *mut *mut u8,
        return_size: *mut usize,
    ) -> Status;
    pub fn proxy_set_header_map_pairs(map_type: MapType, data: *const u8, size: usize) -> Status;
    pub fn proxy_get_header_map_size(map_type: MapType, return_size: *mut usize) -> Status;
    pub fn proxy_get_header_map_value(
        map_type: MapType,
        key_data: *const u8,
        key_size: usize,
        return_value_data: *mut *mut u8,
        return_value_size: *mut usize,
    ) -> Status;
    pub fn proxy_add_header_map_value(
        map_type: MapType,
        key_data: *const u8,
        key_size: usize,
        value_data: *const u8,
        value_size: usize,
    ) -> Status;
    pub fn proxy_replace_header_map_value(
        map_type: MapType,
        key_data: *const u8,
        key_size: usize,
        value_data: *const u8,
        value_size: usize,
    ) -> Status;
    pub fn proxy_remove_header_map_value(
        map_type: MapType,
        key_data: *const u8,
        key_size: usize,
    ) -> Status;

    // Stream control and local replies.
    pub fn proxy_continue_stream(stream_type: StreamType) -> Status;
    pub fn proxy_close_stream(stream_type: StreamType) -> Status;
    pub fn proxy_send_local_response(
        status_code: u32,
        status_code_details_data: *const u8,
        status_code_details_size: usize,
        body_data: *const u8,
        body_size: usize,
        serialized_headers_data: *const u8,
        serialized_headers_size: usize,
        grpc_status: i32,
    ) -> Status;
    pub fn proxy_get_status(
        return_status_code: *mut u32,
        return_message_data: *mut *mut u8,
        return_message_size: *mut usize,
    ) -> Status;

    // HTTP and gRPC callouts.
    pub fn proxy_http_call(
        upstream_data: *const u8,
        upstream_size: usize,
        headers_data: *const u8,
        headers_size: usize,
        body_data: *const u8,
        body_size: usize,
        trailers_data: *const u8,
        trailers_size: usize,
        timeout_milliseconds: u32,
        return_call_id: *mut u32,
    ) -> Status;
    pub fn proxy_grpc_call(
        upstream_data: *const u8,
        upstream_size: usize,
        service_name_data: *const u8,
        service_name_size: usize,
        method_name_data: *const u8,
        method_name_size: usize,
        initial_metadata_data: *const u8,
        initial_metadata_size: usize,
        message_data: *const u8,
        message_size: usize,
        timeout_milliseconds: u32,
        return_call_id: *mut u32,
    ) -> Status;
    pub fn proxy_grpc_stream(
        upstream_data: *const u8,
        upstream_size: usize,
        service_name_data: *const u8,
        service_name_size: usize,
        method_name_data: *const u8,
        method_name_size: usize,
        initial_metadata_data: *const u8,
        initial_metadata_size: usize,
        return_stream_id: *mut u32,
    ) -> Status;
    pub fn proxy_grpc_send(
        stream_id: u32,
        message_data: *const u8,
        message_size: usize,
        end_stream: u32,
    ) -> Status;
    pub fn proxy_grpc_cancel(call_or_stream_id: u32) -> Status;
    pub fn proxy_grpc_close(call_or_stream_id: u32) -> Status;

    // Shared key-value store (per vm_id, with compare-and-swap) and shared queues.
    pub fn proxy_get_shared_data(
        key_data: *const u8,
        key_size: usize,
        return_value_data: *mut *mut u8,
        return_value_size: *mut usize,
        return_cas: *mut u32,
    ) -> Status;
    pub fn proxy_set_shared_data(
        key_data: *const u8,
        key_size: usize,
        value_data: *const u8,
        value_size: usize,
        cas: u32,
    ) -> Status;
    pub fn proxy_register_shared_queue(
        name_data: *const u8,
        name_size: usize,
        return_queue_id: *mut u32,
    ) -> Status;
    pub fn proxy_resolve_shared_queue(
        vm_id_data: *const u8,
        vm_id_size: usize,
        name_data: *const u8,
        name_size: usize,
        return_queue_id: *mut u32,
    ) -> Status;
    pub fn proxy_enqueue_shared_queue(
        queue_id: u32,
        value_data: *const u8,
        value_size: usize,
    ) -> Status;
    pub fn proxy_dequeue_shared_queue(
        queue_id: u32,
        return_value_data: *mut *mut u8,
        return_value_size: *mut usize,
    ) -> Status;

    // Metrics. Note the i64/u64 parameters: the only non-i32 arguments in the ABI.
    pub fn proxy_define_metric(
        metric_type: MetricType,
        name_data: *const u8,
        name_size: usize,
        return_metric_id: *mut u32,
    ) -> Status;
    pub fn proxy_increment_metric(metric_id: u32, delta: i64) -> Status;
    pub fn proxy_record_metric(metric_id: u32, value: u64) -> Status;
    pub fn proxy_get_metric(metric_id: u32, return_value: *mut u64) -> Status;

    // Properties: path segments joined by NUL bytes.
    pub fn proxy_get_property(
        path_data: *const u8,
        path_size: usize,
        return_value_data: *mut *mut u8,
        return_value_size: *mut usize,
    ) -> Status;
    pub fn proxy_set_property(
        path_data: *const u8,
        path_size: usize,
        value_data: *const u8,
        value_size: usize,
    ) -> Status;
}
