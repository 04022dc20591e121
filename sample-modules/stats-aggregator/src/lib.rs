//! stats-aggregator: one module, two roles, chosen by the root id (Envoy `root_id`).
//!
//! * root id `stats_filter` (HTTP filter, one VM per worker): when a request is finished
//!   (`proxy_on_log`) it reads `:method` from the request headers and `:status` from the response
//!   headers and enqueues `"<method> <status>"` (e.g. `"GET 200"`) onto the shared queue
//!   `requests` of vm_id `stats`, found with `proxy_resolve_shared_queue`.
//! * root id `stats_service` (a Wasm *service*, best as a singleton on the main thread): in
//!   `proxy_on_configure` it registers that queue (`proxy_register_shared_queue`, which also makes
//!   it the queue's subscriber) and arms a tick; `proxy_on_queue_ready` drains the queue until
//!   `EMPTY` and counts requests per method and per status class; every tick logs
//!   `stats: total=<n> GET=<a> POST=<b> 2xx=<c> 4xx=<d> 5xx=<e>` (running totals).
//! * With `accessQueue` configured (`"access_log"`), the service also registers that queue, where
//!   the access-logger sample enqueues one JSON line per logged request or connection. Once such
//!   lines came, each tick adds `stats: access log requests=<n> connections=<m> tcp_bytes=<b>`
//!   (bytes both ways).
//!
//! The role is read from the property `plugin_root_id` (`proxy_get_property`), the way the C++
//! and AssemblyScript SDKs pick a root context class.
//!
//! Plugin configuration (JSON, optional, same for both roles):
//!
//! ```json
//! {"queueVmId": "stats", "queue": "requests", "tickMs": 1000, "accessQueue": "access_log"}
//! ```
//!
//! Queues are scoped by vm_id: give the filter and the service the same vmId (`stats`).

use proxy_wasm_mini::{self as pw, json, ContextMap, Global, MapType};

struct Config {
    queue_vm_id: String,
    queue: String,
    access_queue: Option<String>,
    tick_ms: u32,
}

impl Config {
    fn parse(text: &str) -> Result<Config, String> {
        let mut config = Config {
            queue_vm_id: "stats".into(),
            queue: "requests".into(),
            access_queue: None,
            tick_ms: 1000,
        };
        if text.trim().is_empty() {
            return Ok(config);
        }
        let json = json::parse(text)?;
        if let Some(s) = json.get("queueVmId").and_then(|v| v.as_str()) {
            config.queue_vm_id = s.to_string();
        }
        if let Some(s) = json.get("queue").and_then(|v| v.as_str()) {
            config.queue = s.to_string();
        }
        if let Some(s) = json.get("accessQueue").and_then(|v| v.as_str()) {
            config.access_queue = Some(s.to_string());
        }
        if let Some(n) = json.get("tickMs").and_then(|v| v.as_u64()) {
            config.tick_ms = n as u32;
        }
        Ok(config)
    }
}

#[derive(Default)]
struct Totals {
    total: u64,
    get: u64,
    post: u64,
    class_2xx: u64,
    class_4xx: u64,
    class_5xx: u64,
}

impl Totals {
    fn add(&mut self, item: &str) {
        let mut parts = item.split(' ');
        let method = parts.next().unwrap_or("");
        let status = parts.next().unwrap_or("");
        self.total += 1;
        match method {
            "GET" => self.get += 1,
            "POST" => self.post += 1,
            _ => {}
        }
        match status.as_bytes().first() {
            Some(b'2') => self.class_2xx += 1,
            Some(b'4') => self.class_4xx += 1,
            Some(b'5') => self.class_5xx += 1,
            _ => {}
        }
    }
}

/// What the access logger reported: one JSON line per request or connection.
#[derive(Default)]
struct Logged {
    requests: u64,
    connections: u64,
    tcp_bytes: u64,
}

impl Logged {
    fn add(&mut self, line: &str) {
        let entry = match json::parse(line) {
            Ok(entry) => entry,
            Err(message) => {
                pw::warn!("stats: an access log line that is not JSON ({})", message);
                return;
            }
        };
        let bytes = |key: &str| entry.get(key).and_then(|v| v.as_u64()).unwrap_or(0);
        match entry.get("type").and_then(|v| v.as_str()) {
            Some("http") => self.requests += 1,
            Some("tcp") => {
                self.connections += 1;
                self.tcp_bytes += bytes("bytes_received") + bytes("bytes_sent");
            }
            _ => {}
        }
    }
}

enum Role {
    /// HTTP filter: the queue id once resolved.
    Filter { config: Config, queue_id: Option<u32> },
    /// Service: running totals, and those of the access log's queue.
    Service { totals: Totals, access_queue_id: Option<u32>, logged: Logged },
}

static ROOTS: Global<ContextMap<Role>> = Global::new(ContextMap::new());
static ROOT_OF: Global<ContextMap<u32>> = Global::new(ContextMap::new());

#[no_mangle]
pub extern "C" fn proxy_on_context_create(context_id: u32, parent_context_id: u32) {
    if parent_context_id != 0 {
        ROOT_OF.with(|m| m.insert(context_id, parent_context_id));
    }
}

#[no_mangle]
pub extern "C" fn proxy_on_configure(root_context_id: u32, configuration_size: usize) -> u32 {
    let config = match Config::parse(&pw::plugin_configuration(configuration_size)) {
        Ok(config) => config,
        Err(message) => {
            pw::error!("stats: bad configuration: {}", message);
            return 0;
        }
    };
    let root_id = pw::get_property(&["plugin_root_id"]).unwrap_or_default();
    let role = match root_id.as_slice() {
        b"stats_filter" => Role::Filter { config, queue_id: None },
        b"stats_service" => {
            // Registering creates the queue (vm_id of this VM + name) and subscribes this root
            // context: every enqueue, from any worker, triggers our proxy_on_queue_ready.
            match pw::register_shared_queue(&config.queue) {
                Ok(id) => pw::info!("stats: service registered queue {} (id {})", config.queue, id),
                Err(status) => {
                    pw::error!("stats: proxy_register_shared_queue failed: {}", status);
                    return 0;
                }
            }
            let access_queue_id = config.access_queue.as_ref().and_then(|name| {
                match pw::register_shared_queue(name) {
                    Ok(id) => {
                        pw::info!("stats: service registered queue {} (id {})", name, id);
                        Some(id)
                    }
                    Err(status) => {
                        pw::warn!("stats: cannot register queue {}: {}", name, status);
                        None
                    }
                }
            });
            let _ = pw::set_tick_period_ms(config.tick_ms);
            Role::Service { totals: Totals::default(), access_queue_id, logged: Logged::default() }
        }
        other => {
            pw::error!(
                "stats: unknown root id {:?}; use stats_filter or stats_service",
                String::from_utf8_lossy(other)
            );
            return 0;
        }
    };
    ROOTS.with(|r| r.insert(root_context_id, role));
    1
}

/// Filter role: the request is complete (headers of both directions are readable, read-only).
#[no_mangle]
pub extern "C" fn proxy_on_log(context_id: u32) {
    let root = match ROOT_OF.with(|m| m.get(context_id).copied()) {
        Some(root) => root,
        None => return, // a root context being logged: nothing to report
    };
    let method = pw::get_header(MapType::HttpRequestHeaders, ":method").unwrap_or_default();
    let status = pw::get_header(MapType::HttpResponseHeaders, ":status").unwrap_or_default();
    let item = format!("{} {}", method, status);
    ROOTS.with(|roots| {
        if let Some(Role::Filter { config, queue_id }) = roots.get_mut(root) {
            if queue_id.is_none() {
                // The service may start after us, so resolve lazily and remember the id.
                match pw::resolve_shared_queue(&config.queue_vm_id, &config.queue) {
                    Ok(id) => *queue_id = Some(id),
                    Err(status) => pw::warn!(
                        "stats: queue {}/{} not found ({}); is stats_service running?",
                        config.queue_vm_id,
                        config.queue,
                        status
                    ),
                }
            }
            if let Some(id) = *queue_id {
                match pw::enqueue_shared_queue(id, item.as_bytes()) {
                    Ok(()) => pw::debug!("stats: enqueued {:?}", item),
                    Err(status) => pw::warn!("stats: enqueue failed: {}", status),
                }
            }
        }
    });
}

/// Service role: something was enqueued. Drain everything (one notification may cover several
/// items, and items may already have been taken by an earlier drain).
#[no_mangle]
pub extern "C" fn proxy_on_queue_ready(root_context_id: u32, queue_id: u32) {
    ROOTS.with(|roots| {
        if let Some(Role::Service { totals, access_queue_id, logged }) =
            roots.get_mut(root_context_id)
        {
            let from_access_log = *access_queue_id == Some(queue_id);
            loop {
                match pw::dequeue_shared_queue(queue_id) {
                    Ok(Some(item)) if from_access_log => {
                        logged.add(&String::from_utf8_lossy(&item))
                    }
                    Ok(Some(item)) => totals.add(&String::from_utf8_lossy(&item)),
                    Ok(None) => break, // EMPTY
                    Err(status) => {
                        pw::warn!("stats: dequeue failed: {}", status);
                        break;
                    }
                }
            }
        }
    });
}

/// Service role: periodic summary.
#[no_mangle]
pub extern "C" fn proxy_on_tick(root_context_id: u32) {
    ROOTS.with(|roots| {
        if let Some(Role::Service { totals: t, logged, .. }) = roots.get(root_context_id) {
            pw::info!(
                "stats: total={} GET={} POST={} 2xx={} 4xx={} 5xx={}",
                t.total,
                t.get,
                t.post,
                t.class_2xx,
                t.class_4xx,
                t.class_5xx
            );
            if logged.requests + logged.connections > 0 {
                pw::info!(
                    "stats: access log requests={} connections={} tcp_bytes={}",
                    logged.requests,
                    logged.connections,
                    logged.tcp_bytes
                );
            }
        }
    });
}

#[no_mangle]
pub extern "C" fn proxy_on_delete(context_id: u32) {
    ROOT_OF.with(|m| m.remove(context_id));
    ROOTS.with(|r| r.remove(context_id));
}
