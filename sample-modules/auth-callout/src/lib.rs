//! auth-callout: asks an authorization service over HTTP before letting a request through.
//!
//! Plugin configuration (JSON, every field optional):
//!
//! ```json
//! {"cluster": "auth", "path": "/check", "timeoutMs": 500}
//! ```
//!
//! Flow (the asynchronous pattern of Proxy-Wasm):
//! 1. `proxy_on_request_headers`: `proxy_http_call` to `cluster` with `GET <path>`,
//!    `:authority: auth.local` and the request's `x-user` header (if any). The host returns a
//!    token; we remember token → stream context id and return `Pause`.
//! 2. Later the host calls `proxy_on_http_call_response(root_context_id, token, headers,
//!    body_size, trailers)` on the *root* context. We look the stream up and make it the
//!    effective context (`proxy_set_effective_context`) so the next hostcalls act on it.
//! 3. `headers == 0` means the call failed (timeout, reset, no upstream): local reply 503.
//!    Else `:status` is read from map 6 (`HTTP_CALL_RESPONSE_HEADERS`): `200` adds the request
//!    header `x-auth: ok` and resumes the request with `proxy_continue_stream(HTTP_REQUEST)`;
//!    anything else ends it with a local reply 403 `forbidden by auth-callout\n`.

use proxy_wasm_mini::{self as pw, json, Action, ContextMap, Global, MapType, StreamType};

struct Config {
    cluster: String,
    path: String,
    timeout_ms: u32,
}

impl Config {
    fn parse(text: &str) -> Result<Config, String> {
        let mut config = Config { cluster: "auth".into(), path: "/check".into(), timeout_ms: 500 };
        if text.trim().is_empty() {
            return Ok(config);
        }
        let json = json::parse(text)?;
        if let Some(s) = json.get("cluster").and_then(|v| v.as_str()) {
            config.cluster = s.to_string();
        }
        if let Some(s) = json.get("path").and_then(|v| v.as_str()) {
            config.path = s.to_string();
        }
        if let Some(n) = json.get("timeoutMs").and_then(|v| v.as_u64()) {
            config.timeout_ms = n as u32;
        }
        Ok(config)
    }
}

static CONFIGS: Global<ContextMap<Config>> = Global::new(ContextMap::new());
static ROOT_OF: Global<ContextMap<u32>> = Global::new(ContextMap::new());
/// Callouts in flight: call token → id of the stream context waiting for the answer.
static PENDING: Global<ContextMap<u32>> = Global::new(ContextMap::new());

fn reply_unavailable() {
    let _ =
        pw::send_local_response(503, "auth_unavailable", b"auth service unavailable\n", &[], -1);
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
            CONFIGS.with(|c| c.insert(root_context_id, config));
            1
        }
        Err(message) => {
            pw::error!("auth-callout: bad configuration: {}", message);
            0
        }
    }
}

#[no_mangle]
pub extern "C" fn proxy_on_request_headers(context_id: u32, _headers: usize, _eos: u32) -> Action {
    let root = ROOT_OF.with(|m| m.get(context_id).copied()).unwrap_or(0);
    let user = pw::get_header(MapType::HttpRequestHeaders, "x-user");
    let sent = CONFIGS.with(|configs| {
        let config = configs.get(root)?;
        let mut headers =
            vec![(":method", "GET"), (":path", config.path.as_str()), (":authority", "auth.local")];
        if let Some(user) = &user {
            headers.push(("x-user", user.as_str()));
        }
        let result = pw::http_call(&config.cluster, &headers, b"", &[], config.timeout_ms);
        Some((config.cluster.clone(), result))
    });
    match sent {
        None => Action::Continue, // not configured
        Some((cluster, Ok(token))) => {
            pw::info!(
                "auth-callout: asking cluster {} about user {} (token {})",
                cluster,
                user.as_deref().unwrap_or("<none>"),
                token
            );
            PENDING.with(|p| p.insert(token, context_id));
            Action::Pause // wait for proxy_on_http_call_response
        }
        Some((cluster, Err(status))) => {
            pw::error!("auth-callout: proxy_http_call to {} failed: {}", cluster, status);
            reply_unavailable();
            Action::Pause
        }
    }
}

#[no_mangle]
pub extern "C" fn proxy_on_http_call_response(
    _root_context_id: u32,
    token: u32,
    num_headers: usize,
    _body_size: usize,
    _num_trailers: usize,
) {
    let stream = match PENDING.with(|p| p.remove(token)) {
        Some(stream) => stream,
        None => {
            pw::warn!("auth-callout: answer for unknown token {}", token);
            return;
        }
    };
    // We are running in the root context; act on the waiting stream from here on.
    if let Err(status) = pw::set_effective_context(stream) {
        pw::warn!("auth-callout: stream {} is gone ({})", stream, status);
        return;
    }
    if num_headers == 0 {
        pw::warn!("auth-callout: auth call failed, replying 503");
        reply_unavailable();
        return;
    }
    let status = pw::get_header(MapType::HttpCallResponseHeaders, ":status").unwrap_or_default();
    if status == "200" {
        pw::info!("auth-callout: auth service said 200, resuming the request");
        let _ = pw::replace_header(MapType::HttpRequestHeaders, "x-auth", "ok");
        let _ = pw::continue_stream(StreamType::HttpRequest);
    } else {
        pw::warn!("auth-callout: auth service said {}, replying 403", status);
        let _ =
            pw::send_local_response(403, "auth_denied", b"forbidden by auth-callout\n", &[], -1);
    }
}

#[no_mangle]
pub extern "C" fn proxy_on_delete(context_id: u32) {
    ROOT_OF.with(|m| m.remove(context_id));
    CONFIGS.with(|c| c.remove(context_id));
    // A stream that ends before its answer: drop the pending entry (the call itself belongs to
    // the root context and still completes; we will ignore its token).
    PENDING.with(|p| p.retain(|_, stream| *stream != context_id));
}
