//! access-logger: an access log written by a Wasm plugin, one JSON line per finished HTTP request
//! and per TCP connection.
//!
//! Envoy runs an access logger (`envoy.access_loggers.wasm`) through the plugin's *root* context:
//! when a request or a connection is over it calls `proxy_on_log(root_context_id)`, and during
//! that call the hostcalls read the logged stream (its request and response headers, and
//! properties such as `request.duration`, `response.code`, `connection.id`, `upstream.address`).
//!
//! For an HTTP request (it has a `:method`):
//!
//! ```json
//! {"type":"http","method":"GET","path":"/items","response_code":200,
//!  "response_code_details":"via_upstream","bytes_received":0,"bytes_sent":3,"duration_ms":0,
//!  "upstream_host":"127.0.0.1:9001","request_id":"..."}
//! ```
//!
//! For a TCP connection:
//!
//! ```json
//! {"type":"tcp","connection_id":3,"bytes_received":14,"bytes_sent":7,"duration_ms":100,
//!  "upstream_host":"127.0.0.1:9391","downstream_remote_address":"127.0.0.1:40003"}
//! ```
//!
//! Each line is logged (INFO) and enqueued onto the shared queue `access_log` of vm_id `stats`,
//! where the stats-aggregator's singleton service counts logged requests and connections. A
//! missing queue (no service running) is reported once, then retried on later lines.
//!
//! Plugin configuration (JSON, optional): `{"queueVmId": "stats", "queue": "access_log"}`.

use proxy_wasm_mini::{self as pw, json, ContextMap, Global, MapType};

struct Logger {
    queue_vm_id: String,
    queue: String,
    queue_id: Option<u32>,
    warned: bool,
}

impl Logger {
    fn parse(text: &str) -> Result<Logger, String> {
        let mut logger = Logger {
            queue_vm_id: "stats".into(),
            queue: "access_log".into(),
            queue_id: None,
            warned: false,
        };
        if text.trim().is_empty() {
            return Ok(logger);
        }
        let json = json::parse(text)?;
        if let Some(s) = json.get("queueVmId").and_then(|v| v.as_str()) {
            logger.queue_vm_id = s.to_string();
        }
        if let Some(s) = json.get("queue").and_then(|v| v.as_str()) {
            logger.queue = s.to_string();
        }
        Ok(logger)
    }

    /// Hands a line to the stats service; finds its queue the first time it exists.
    fn enqueue(&mut self, line: &str) {
        if self.queue_id.is_none() {
            match pw::resolve_shared_queue(&self.queue_vm_id, &self.queue) {
                Ok(id) => self.queue_id = Some(id),
                Err(status) if !self.warned => {
                    self.warned = true;
                    pw::warn!(
                        "access-logger: queue {}/{} not found ({}); is the stats service running?",
                        self.queue_vm_id,
                        self.queue,
                        status
                    );
                }
                Err(_) => {}
            }
        }
        if let Some(id) = self.queue_id {
            if let Err(status) = pw::enqueue_shared_queue(id, line.as_bytes()) {
                pw::warn!("access-logger: enqueue failed: {}", status);
            }
        }
    }
}

static LOGGERS: Global<ContextMap<Logger>> = Global::new(ContextMap::new());

/// An integer property (8 little-endian bytes), or JSON `null`.
fn number(path: &[&str]) -> String {
    pw::get_property_u64(path).map_or_else(|| "null".to_string(), |n| n.to_string())
}

/// A duration property (nanoseconds) in whole milliseconds, or JSON `null`.
fn millis(path: &[&str]) -> String {
    pw::get_property_u64(path).map_or_else(|| "null".to_string(), |ns| (ns / 1_000_000).to_string())
}

/// A text property as a JSON string, or `null`.
fn text(path: &[&str]) -> String {
    pw::get_property(path)
        .map_or_else(|| "null".to_string(), |b| json::quote(&String::from_utf8_lossy(&b)))
}

fn header(name: &str) -> String {
    pw::get_header(MapType::HttpRequestHeaders, name)
        .map_or_else(|| "null".to_string(), |v| json::quote(&v))
}

fn http_line(method: &str) -> String {
    format!(
        concat!(
            r#"{{"type":"http","method":{},"path":{},"response_code":{},"#,
            r#""response_code_details":{},"bytes_received":{},"bytes_sent":{},"duration_ms":{},"#,
            r#""upstream_host":{},"request_id":{}}}"#
        ),
        json::quote(method),
        header(":path"),
        number(&["response", "code"]),
        text(&["response", "code_details"]),
        number(&["request", "size"]),
        number(&["response", "size"]),
        millis(&["request", "duration"]),
        text(&["upstream", "address"]),
        text(&["request", "id"]),
    )
}

fn tcp_line() -> String {
    format!(
        concat!(
            r#"{{"type":"tcp","connection_id":{},"bytes_received":{},"bytes_sent":{},"#,
            r#""duration_ms":{},"upstream_host":{},"downstream_remote_address":{}}}"#
        ),
        number(&["connection", "id"]),
        number(&["request", "size"]),
        number(&["response", "size"]),
        millis(&["request", "duration"]),
        text(&["upstream", "address"]),
        text(&["source", "address"]),
    )
}

#[no_mangle]
pub extern "C" fn proxy_on_configure(root_context_id: u32, configuration_size: usize) -> u32 {
    match Logger::parse(&pw::plugin_configuration(configuration_size)) {
        Ok(logger) => {
            LOGGERS.with(|l| l.insert(root_context_id, logger));
            1
        }
        Err(message) => {
            pw::error!("access-logger: bad configuration: {}", message);
            0
        }
    }
}

/// Called on the root context once per finished request or connection.
#[no_mangle]
pub extern "C" fn proxy_on_log(context_id: u32) {
    LOGGERS.with(|loggers| {
        let logger = match loggers.get_mut(context_id) {
            Some(logger) => logger,
            None => return, // not one of our root contexts
        };
        let line = match pw::get_header(MapType::HttpRequestHeaders, ":method") {
            Some(method) => http_line(&method),
            None => tcp_line(), // a connection has no request headers
        };
        pw::info!("{}", line);
        logger.enqueue(&line);
    });
}

#[no_mangle]
pub extern "C" fn proxy_on_delete(context_id: u32) {
    LOGGERS.with(|l| l.remove(context_id));
}
