//! deny: rejects requests with a local reply before they reach the upstream.
//!
//! Plugin configuration (JSON, every field optional):
//!
//! ```json
//! {"header": "x-user", "values": ["mallory", "eve"], "pathPrefix": "/admin",
//!  "status": 403, "body": "denied by policy\n"}
//! ```
//!
//! A request is denied when the value of `header` is one of `values`, or when its `:path` starts
//! with `pathPrefix`. The reply is `status` (default 403) with `body` and the header
//! `x-denied-by: deny`; the reason is logged at WARN as `deny: <reason>`.
//!
//! ABI points shown: plugin configuration read in `proxy_on_configure`, configuration kept per
//! *root context* (two deny filters sharing one VM get two root contexts), stream → root mapping
//! from `proxy_on_context_create`, `proxy_send_local_response` with serialized headers.

use proxy_wasm_mini::{self as pw, json, Action, ContextMap, Global, MapType};

struct Config {
    header: Option<String>,
    values: Vec<String>,
    path_prefix: Option<String>,
    status: u32,
    body: String,
}

impl Config {
    fn parse(text: &str) -> Result<Config, String> {
        let mut config = Config {
            header: None,
            values: Vec::new(),
            path_prefix: None,
            status: 403,
            body: "denied by policy\n".to_string(),
        };
        if text.trim().is_empty() {
            return Ok(config); // no configuration: deny nothing
        }
        let json = json::parse(text)?;
        let text_of = |key: &str| json.get(key).and_then(|v| v.as_str()).map(str::to_string);
        config.header = text_of("header").map(|h| h.to_ascii_lowercase());
        config.path_prefix = text_of("pathPrefix");
        if let Some(values) = json.get("values").and_then(|v| v.as_array()) {
            config.values = values.iter().filter_map(|v| v.as_str()).map(str::to_string).collect();
        }
        if let Some(status) = json.get("status").and_then(|v| v.as_u64()) {
            config.status = status as u32;
        }
        if let Some(body) = text_of("body") {
            config.body = body;
        }
        Ok(config)
    }

    /// Why this request must be denied, or `None` to let it through.
    fn reason_to_deny(&self) -> Option<String> {
        if let Some(header) = &self.header {
            if let Some(value) = pw::get_header(MapType::HttpRequestHeaders, header) {
                if self.values.iter().any(|v| *v == value) {
                    return Some(format!("{}: {} is on the deny list", header, value));
                }
            }
        }
        if let Some(prefix) = &self.path_prefix {
            let path = pw::get_header(MapType::HttpRequestHeaders, ":path").unwrap_or_default();
            if path.starts_with(prefix.as_str()) {
                return Some(format!("path {} starts with {}", path, prefix));
            }
        }
        None
    }
}

/// Configuration of each root context, by root context id.
static CONFIGS: Global<ContextMap<Config>> = Global::new(ContextMap::new());
/// Root context id of each live stream context.
static ROOT_OF: Global<ContextMap<u32>> = Global::new(ContextMap::new());

/// Called for every new context: `parent == 0` for a root context, else the stream's root.
#[no_mangle]
pub extern "C" fn proxy_on_context_create(context_id: u32, parent_context_id: u32) {
    if parent_context_id != 0 {
        ROOT_OF.with(|m| m.insert(context_id, parent_context_id));
    }
}

/// Returning 0 rejects the configuration (the filter does not start).
#[no_mangle]
pub extern "C" fn proxy_on_configure(root_context_id: u32, configuration_size: usize) -> u32 {
    match Config::parse(&pw::plugin_configuration(configuration_size)) {
        Ok(config) => {
            CONFIGS.with(|c| c.insert(root_context_id, config));
            1
        }
        Err(message) => {
            pw::error!("deny: bad configuration: {}", message);
            0
        }
    }
}

#[no_mangle]
pub extern "C" fn proxy_on_request_headers(context_id: u32, _headers: usize, _eos: u32) -> Action {
    let root = ROOT_OF.with(|m| m.get(context_id).copied()).unwrap_or(0);
    let verdict = CONFIGS.with(|configs| {
        let config = configs.get(root)?;
        let reason = config.reason_to_deny()?;
        Some((reason, config.status, config.body.clone()))
    });
    match verdict {
        None => Action::Continue,
        Some((reason, status, body)) => {
            pw::warn!("deny: {}", reason);
            // details must not contain spaces (Envoy's response code details convention);
            // grpc_status -1 = "not a gRPC reply".
            let headers = [("x-denied-by", "deny")];
            if let Err(status) =
                pw::send_local_response(status, "deny_filter", body.as_bytes(), &headers, -1)
            {
                pw::error!("deny: proxy_send_local_response failed: {}", status);
            }
            // Envoy overrides the return value once a local reply is pending; Pause says the
            // same thing explicitly: this request goes no further.
            Action::Pause
        }
    }
}

/// The last callback for a context: forget everything about it.
#[no_mangle]
pub extern "C" fn proxy_on_delete(context_id: u32) {
    ROOT_OF.with(|m| m.remove(context_id));
    CONFIGS.with(|c| c.remove(context_id));
}
