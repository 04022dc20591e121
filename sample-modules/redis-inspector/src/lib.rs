//! redis-inspector: a network (TCP) filter in front of Redis that reads the protocol (RESP) as it
//! passes.
//!
//! * Counts every client command: a log line per command (`redis: command 2 on connection 7:
//!   GET (1 arg)`), the counter metric `redis_commands_total`, and one counter per command name
//!   (`redis_commands.get`; the first 32 names, later ones count as `redis_commands.other`).
//! * Refuses the commands of `deny` (default `FLUSHALL`): it closes the connection with
//!   `proxy_close_stream(Downstream)` before the command reaches Redis, logs a warning and counts
//!   `redis_refused_total`. Commands sent together with it (a pipeline) are dropped too.
//! * Rewrites simple-string replies (`+PONG`) on their way back, by the table `rewrite`, replacing
//!   the upstream bytes with `proxy_set_buffer_bytes(UpstreamData, 0, size, ...)`; counts
//!   `redis_replies_rewritten_total`.
//!
//! A command split over several TCP reads is held (`Pause`) until it is whole. Envoy then calls
//! `proxy_on_downstream_data` again with the *whole* read buffer (the held bytes and the new
//! ones), so the filter remembers how many bytes at its start it has already counted. Replies
//! split over reads are held the same way on the upstream side. Bytes that are not RESP, or a
//! command still incomplete after `maxCommandBytes`, close the connection: a deny list that can be
//! skipped by sending garbage first would not be one.
//!
//! Plugin configuration (JSON, every field optional):
//!
//! ```json
//! {"deny": ["FLUSHALL", "FLUSHDB"], "rewrite": {"PONG": "PONG (via redis-inspector)"},
//!  "maxCommandBytes": 1048576}
//! ```
//!
//! Held bytes are counted from the start of the read buffer, so the filter expects to be the only
//! one in the chain that pauses reads, or the last.

mod resp;

use proxy_wasm_mini::{
    self as pw, json, Action, BufferType, ContextMap, Global, MetricType, PeerType, StreamType,
};
use resp::Parse;

struct Config {
    /// Command names, upper case.
    deny: Vec<String>,
    /// Simple-string reply -> its replacement.
    rewrite: Vec<(Vec<u8>, Vec<u8>)>,
    max_command_bytes: usize,
}

impl Config {
    fn parse(text: &str) -> Result<Config, String> {
        let mut config = Config {
            deny: vec!["FLUSHALL".to_string()],
            rewrite: Vec::new(),
            max_command_bytes: 1024 * 1024,
        };
        if text.trim().is_empty() {
            return Ok(config);
        }
        let json = json::parse(text)?;
        if let Some(deny) = json.get("deny") {
            let names = deny.as_array().ok_or("deny: expected a list of command names")?;
            config.deny = names
                .iter()
                .map(|n| n.as_str().map(str::to_ascii_uppercase))
                .collect::<Option<_>>()
                .ok_or("deny: expected a list of command names")?;
        }
        if let Some(rewrite) = json.get("rewrite") {
            let pairs =
                rewrite.as_object().ok_or("rewrite: expected {\"reply\": \"new reply\"}")?;
            for (from, to) in pairs {
                let to = to.as_str().ok_or("rewrite: each new reply must be a string")?;
                if to.contains(['\r', '\n']) || from.contains(['\r', '\n']) {
                    return Err("rewrite: a simple string cannot hold CR or LF".to_string());
                }
                config.rewrite.push((from.as_bytes().to_vec(), to.as_bytes().to_vec()));
            }
        }
        if let Some(max) = json.get("maxCommandBytes").and_then(|v| v.as_u64()) {
            config.max_command_bytes = max as usize;
        }
        Ok(config)
    }
}

/// One client connection.
struct Connection {
    root: u32,
    /// Envoy's connection id (property `connection.id`), for the logs.
    id: u64,
    commands: u64,
    rewritten: u64,
    /// Bytes at the start of the read buffer already counted: whole commands held back together
    /// with the start of an incomplete one.
    counted: usize,
}

/// Metric ids of this VM: the totals, and one counter per command name seen.
struct Metrics {
    commands: Option<u32>,
    refused: Option<u32>,
    rewritten: Option<u32>,
    per_command: Vec<(String, u32)>,
}

/// Distinct command names with a counter of their own; a client cannot make the list grow past it.
const MAX_COMMAND_METRICS: usize = 32;

static ROOTS: Global<ContextMap<Config>> = Global::new(ContextMap::new());
static CONNECTIONS: Global<ContextMap<Connection>> = Global::new(ContextMap::new());
static METRICS: Global<Metrics> = Global::new(Metrics {
    commands: None,
    refused: None,
    rewritten: None,
    per_command: Vec::new(),
});

fn counter(name: &str) -> Option<u32> {
    pw::define_metric(MetricType::Counter, name).ok()
}

fn count(pick: impl FnOnce(&Metrics) -> Option<u32>) {
    if let Some(id) = METRICS.with(|m| pick(m)) {
        let _ = pw::increment_metric(id, 1);
    }
}

fn count_command(name: &str) {
    count(|m| m.commands);
    let id = METRICS.with(|m| {
        if let Some((_, id)) = m.per_command.iter().find(|(n, _)| n == name) {
            return Some(*id);
        }
        let metric = if m.per_command.len() < MAX_COMMAND_METRICS { name } else { "other" };
        let id = counter(&format!("redis_commands.{}", metric.to_ascii_lowercase()))?;
        if metric == name {
            m.per_command.push((name.to_string(), id));
        }
        Some(id)
    });
    if let Some(id) = id {
        let _ = pw::increment_metric(id, 1);
    }
}

#[no_mangle]
pub extern "C" fn proxy_on_configure(root_context_id: u32, configuration_size: usize) -> u32 {
    let config = match Config::parse(&pw::plugin_configuration(configuration_size)) {
        Ok(config) => config,
        Err(message) => {
            pw::error!("redis: bad configuration: {}", message);
            return 0; // Envoy rejects the plugin
        }
    };
    METRICS.with(|m| {
        if m.commands.is_none() {
            m.commands = counter("redis_commands_total");
            m.refused = counter("redis_refused_total");
            m.rewritten = counter("redis_replies_rewritten_total");
        }
    });
    ROOTS.with(|r| r.insert(root_context_id, config));
    1
}

#[no_mangle]
pub extern "C" fn proxy_on_context_create(context_id: u32, parent_context_id: u32) {
    if parent_context_id != 0 {
        let connection =
            Connection { root: parent_context_id, id: 0, commands: 0, rewritten: 0, counted: 0 };
        CONNECTIONS.with(|c| c.insert(context_id, connection));
    }
}

#[no_mangle]
pub extern "C" fn proxy_on_new_connection(context_id: u32) -> Action {
    let id = pw::get_property_u64(&["connection", "id"]).unwrap_or(0);
    CONNECTIONS.with(|c| c.get_mut(context_id).map(|conn| conn.id = id));
    pw::info!("redis: connection {} opened", id);
    Action::Continue
}

/// Closes the connection because of what the client sent.
fn refuse(connection: u64, why: &str) -> Action {
    pw::warn!("redis: {} on connection {}: closing it", why, connection);
    count(|m| m.refused);
    if let Err(status) = pw::close_stream(StreamType::Downstream) {
        pw::error!("redis: proxy_close_stream failed: {}", status);
    }
    Action::Pause // nothing of it may reach Redis
}

#[no_mangle]
pub extern "C" fn proxy_on_downstream_data(context_id: u32, data_size: usize, eos: u32) -> Action {
    let data = pw::get_buffer(BufferType::DownstreamData, 0, data_size).unwrap_or_default();
    CONNECTIONS.with(|connections| {
        let conn = match connections.get_mut(context_id) {
            Some(conn) => conn,
            None => return Action::Continue,
        };
        let (deny, max) = ROOTS.with(|r| {
            r.get(conn.root).map(|c| (c.deny.clone(), c.max_command_bytes)).unwrap_or_default()
        });
        // Bytes before `counted` were seen in an earlier call (Envoy delivers them again).
        let mut at = conn.counted.min(data.len());
        while at < data.len() {
            match resp::command(&data[at..]) {
                Parse::Complete(words, len) => {
                    at += len;
                    let name = match words.first() {
                        Some(name) => String::from_utf8_lossy(name).to_ascii_uppercase(),
                        None => continue, // an empty inline line
                    };
                    conn.commands += 1;
                    count_command(&name);
                    let args = words.len() - 1;
                    pw::info!(
                        "redis: command {} on connection {}: {} ({} arg{})",
                        conn.commands,
                        conn.id,
                        name,
                        args,
                        if args == 1 { "" } else { "s" }
                    );
                    if deny.contains(&name) {
                        return refuse(conn.id, &format!("{} refused", name));
                    }
                }
                Parse::Incomplete if eos != 0 => {
                    pw::warn!("redis: connection {} ended inside a command", conn.id);
                    break;
                }
                Parse::Incomplete if data.len() - at > max => {
                    return refuse(conn.id, &format!("a command longer than {} bytes", max));
                }
                Parse::Incomplete => {
                    pw::debug!(
                        "redis: {} byte(s) of an incomplete command held on connection {}",
                        data.len() - at,
                        conn.id
                    );
                    conn.counted = at;
                    return Action::Pause;
                }
                Parse::Invalid(why) => return refuse(conn.id, &format!("not RESP ({})", why)),
            }
        }
        conn.counted = 0; // everything goes on to Redis: the read buffer starts afresh
        Action::Continue
    })
}

#[no_mangle]
pub extern "C" fn proxy_on_upstream_data(context_id: u32, data_size: usize, eos: u32) -> Action {
    let data = pw::get_buffer(BufferType::UpstreamData, 0, data_size).unwrap_or_default();
    let root = CONNECTIONS.with(|c| c.get(context_id).map(|conn| conn.root));
    let rewrite = match root.and_then(|root| ROOTS.with(|r| r.get(root).map(|c| c.rewrite.clone())))
    {
        Some(rewrite) if !rewrite.is_empty() => rewrite,
        _ => return Action::Continue,
    };
    let mut out = Vec::with_capacity(data.len());
    let mut rewritten = 0;
    let mut at = 0;
    while at < data.len() {
        match resp::reply(&data[at..]) {
            Parse::Complete(simple, len) => {
                match simple.and_then(|s| rewrite.iter().find(|(from, _)| from == s)) {
                    Some((from, to)) => {
                        pw::info!(
                            "redis: reply +{} rewritten to +{}",
                            String::from_utf8_lossy(from),
                            String::from_utf8_lossy(to)
                        );
                        out.push(b'+');
                        out.extend_from_slice(to);
                        out.extend_from_slice(b"\r\n");
                        rewritten += 1;
                    }
                    None => out.extend_from_slice(&data[at..at + len]),
                }
                at += len;
            }
            // Hold a split reply until the rest arrives (Envoy gives us the bytes again with it).
            Parse::Incomplete if eos == 0 => return Action::Pause,
            // The server's own business: pass the rest unchanged.
            Parse::Incomplete | Parse::Invalid(_) => {
                out.extend_from_slice(&data[at..]);
                break;
            }
        }
    }
    if rewritten > 0 {
        // The replace-all shape: start 0, size = everything there is.
        if let Err(status) = pw::set_buffer(BufferType::UpstreamData, 0, data.len(), &out) {
            pw::error!("redis: proxy_set_buffer_bytes failed: {}", status);
        }
        CONNECTIONS.with(|c| c.get_mut(context_id).map(|conn| conn.rewritten += rewritten));
        for _ in 0..rewritten {
            count(|m| m.rewritten);
        }
    }
    Action::Continue
}

#[no_mangle]
pub extern "C" fn proxy_on_downstream_connection_close(context_id: u32, peer_type: u32) {
    // Envoy may never call on_delete when the client closes first: forget the connection here.
    if let Some(conn) = CONNECTIONS.with(|c| c.remove(context_id)) {
        let by = match PeerType::from_raw(peer_type) {
            PeerType::Local => "the proxy",
            PeerType::Remote => "the client",
            PeerType::Unknown => "an unknown peer",
        };
        pw::info!(
            "redis: connection {} closed by {}: {} command(s), {} reply(ies) rewritten",
            conn.id,
            by,
            conn.commands,
            conn.rewritten
        );
    }
}

#[no_mangle]
pub extern "C" fn proxy_on_delete(context_id: u32) {
    CONNECTIONS.with(|c| c.remove(context_id));
    ROOTS.with(|r| r.remove(context_id));
}
